/**
 * PyTorch checkpoint reading: {@link org.ganeval4j.feature.weights.TorchCheckpoint} reads the
 * state dicts that {@code torch.save} writes (the legacy pickle stream and the zip archive) into
 * C-contiguous {@link org.ganeval4j.feature.weights.TorchTensor}s, without Python or PyTorch.
 */
package org.ganeval4j.feature.weights;
