/** Not API: IEEE 754 half-precision conversion behind {@code float16} arrays and checkpoints. */
package org.ganeval4j.io.internal;
