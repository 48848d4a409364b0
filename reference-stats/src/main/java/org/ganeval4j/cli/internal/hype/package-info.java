/**
 * The {@code ganeval4j hype} session behind the CLI, not API: the protocol of one session
 * ({@link org.ganeval4j.cli.internal.hype.HypeConfig}), each evaluator's seeded sequence
 * ({@link org.ganeval4j.cli.internal.hype.HypePlan}), the answer log {@code trials.jsonl}
 * ({@link org.ganeval4j.cli.internal.hype.TrialLog}), the session state
 * ({@link org.ganeval4j.cli.internal.hype.HypeSession}), the report and the Vert.x server
 * ({@link org.ganeval4j.cli.internal.hype.HypeServer}). May change without notice.
 */
package org.ganeval4j.cli.internal.hype;
