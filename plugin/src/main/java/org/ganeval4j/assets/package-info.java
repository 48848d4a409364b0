/**
 * Where weights and datasets come from: the {@link org.ganeval4j.assets.Assets} catalogue and the
 * {@link org.ganeval4j.assets.AssetResolver} (explicit path, asset directory, user cache, verified download).
 */
package org.ganeval4j.assets;
