/**
 * Not API: the torchvision trunks (AlexNet, SqueezeNet 1.1, VGG16) on ND4J operations.
 */
package org.ganeval4j.feature.internal;
