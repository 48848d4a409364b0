/**
 * Feature extractors: networks that turn images into feature vectors (pytorch-fid's FID Inception,
 * the LPIPS backbones, SqueezeNet/AlexNet, any DL4J model), built natively in DL4J, and the loading of
 * their PyTorch weights ({@link org.ganeval4j.feature.internal.weights}).
 */
package org.ganeval4j.feature;
