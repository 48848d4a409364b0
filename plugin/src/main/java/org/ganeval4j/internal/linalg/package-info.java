/**
 * Not API. Dense float64 linear algebra in native memory through the OpenBLAS/LAPACK build that
 * ND4J's CPU backend already loads ({@code org.bytedeco.openblas}).
 */
package org.ganeval4j.internal.linalg;
