/**
 * Not API: DL4J layers that run libnd4j's convolution custom ops (oneDNN in the onednn build of
 * nd4j-native) for the reference DCGAN, through DL4J's SameDiff-layer extension point.
 */
package org.ganeval4j.gan.internal;
