package org.ganeval4j.assets;

import java.io.IOException;

/**
 * An asset could be found nowhere and not downloaded. The message names the file, its URL (if it
 * has one), why the download did not happen, and the paths where a user can put the file.
 */
public class AssetUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Asset asset;

    public AssetUnavailableException(Asset asset, String message, Throwable cause) {
        super(message, cause);
        this.asset = asset;
    }

    /** The asset that was asked for. */
    public Asset asset() {
        return asset;
    }
}
