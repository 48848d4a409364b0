/**
 * Feature extraction: the FID Inception network, the LPIPS backbones, any DL4J model as a feature
 * extractor, and the loading of their PyTorch weights ({@link org.ganeval4j.feature.weights}).
 */
package org.ganeval4j.feature;
