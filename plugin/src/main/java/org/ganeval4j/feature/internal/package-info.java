/**
 * Not API: the torchvision trunks (AlexNet, SqueezeNet 1.1, VGG16) as DL4J graphs, and the image
 * arithmetic of the extractors built on them.
 */
package org.ganeval4j.feature.internal;
