/**
 * Turns image batches into network input: named resize modes that reproduce pytorch-fid, torch-fidelity /
 * torchmetrics, clean-fid and antialiased torch bilinear number for number, input-range mapping and normalisation.
 */
package org.ganeval4j.preprocess;
