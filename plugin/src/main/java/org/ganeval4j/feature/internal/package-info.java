/**
 * Not API: the torchvision trunks (AlexNet, SqueezeNet 1.1, VGG16) as DL4J graphs.
 */
package org.ganeval4j.feature.internal;
