/** Not API. Image decoding and file formats behind {@link org.ganeval4j.image.ImageSources}. */
package org.ganeval4j.image.internal;
