/**
 * Not API: the unpickler hooks, the two container formats' readers and the strided gather behind
 * {@link org.ganeval4j.feature.weights.TorchCheckpoint}.
 */
package org.ganeval4j.feature.weights.internal;
