/**
 * One {@link org.ganeval4j.eval.GanEvaluator} does "samples → preprocess → features → statistics →
 * metrics"; the listener, the early-stopping score calculator, the Arbiter score function and the
 * CLI all call it, so a metric is computed one way only.
 */
package org.ganeval4j.eval;
