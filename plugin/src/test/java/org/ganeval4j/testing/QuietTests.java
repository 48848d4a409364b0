package org.ganeval4j.testing;

import org.ganeval4j.QuietStdout;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs {@link QuietStdout} when a test run starts (registered through the JUnit Platform's
 * service loader in every module that has the plugin's test jar), so SameDiff's "Added
 * differentiated op" println lines do not fill the test log.
 */
public final class QuietTests implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        QuietStdout.install();
    }
}
