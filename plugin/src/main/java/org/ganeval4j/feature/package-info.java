/**
 * Feature extractors: networks that turn images into feature vectors (pytorch-fid's FID Inception,
 * the LPIPS backbones, SqueezeNet/AlexNet, any DL4J model), built natively in DL4J from PyTorch
 * checkpoints.
 */
package org.ganeval4j.feature;
