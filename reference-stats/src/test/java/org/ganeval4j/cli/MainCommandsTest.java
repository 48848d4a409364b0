package org.ganeval4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/**
 * The subcommand table that lets a command line load only the command it names: every name is its
 * class's {@code @Command} name, and the usage lists every command.
 */
class MainCommandsTest {
    @Test
    void everyNameIsTheNameItsClassDeclares() {
        assertThat(Main.COMMANDS).hasSizeGreaterThan(20);
        for (Map.Entry<String, String> c : Main.COMMANDS.entrySet()) {
            Command annotation = Main.commandClass(c.getKey()).getAnnotation(Command.class);
            assertThat(annotation).as(c.getValue()).isNotNull();
            assertThat(annotation.name()).as(c.getValue()).isEqualTo(c.getKey());
        }
    }

    @Test
    void theUsageListsEveryCommandAndANamedCommandRunsAlone() {
        CliRun.Result help = CliRun.run("--help");
        assertThat(help.exitCode()).isZero();
        for (String name : Main.COMMANDS.keySet()) {
            assertThat(help.stdout()).containsPattern("(?m)^\\s+" + java.util.regex.Pattern.quote(name) + "\\s");
        }
        CliRun.Result fid = CliRun.run("fid", "--help");
        assertThat(fid.exitCode()).isZero();
        assertThat(fid.stdout()).contains("Usage: ganeval4j fid");
    }
}
