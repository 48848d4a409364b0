/** What is not API of the Spark module: input planning, partition work, per-JVM pools, progress, the CLI provider. */
package org.ganeval4j.spark.internal;
