/**
 * Not API: the networks behind the feature extractors of {@link org.ganeval4j.feature}: FID
 * Inception as a SameDiff graph, the torchvision trunks (AlexNet, SqueezeNet 1.1, VGG16) on ND4J
 * operations.
 */
package org.ganeval4j.feature.internal;
