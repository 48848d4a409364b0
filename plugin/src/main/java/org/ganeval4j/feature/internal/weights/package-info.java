/**
 * Not API: PyTorch checkpoint reading. {@link org.ganeval4j.feature.internal.weights.TorchCheckpoint} reads the
 * state dicts that {@code torch.save} writes (the legacy pickle stream and the zip archive) into C-contiguous
 * {@link org.ganeval4j.feature.internal.weights.TorchTensor}s, without Python or PyTorch, through a bounded
 * unpickler that refuses anything but tensors, containers and plain values.
 */
package org.ganeval4j.feature.internal.weights;
