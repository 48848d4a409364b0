/**
 * Not API: the DL4J graphs behind the feature extractors of {@link org.ganeval4j.feature}.
 */
package org.ganeval4j.feature.internal;
