package org.miniops.plugins.fail2ban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.miniops.plugins.fail2ban.Fixtures.write;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTableTest {

    private static final String SOCKET = "/var/run/fail2ban/fail2ban.sock";
    private static final String CONFIG = "/etc/fail2ban";

    @TempDir
    Path root;

    private ProcessTable.Scan scan(boolean privileged) throws Exception {
        return ProcessTable.scan(Fixtures.filesOnly(root), SOCKET, CONFIG, privileged);
    }

    @Test
    void debianServiceIsFound() throws Exception {
        Fixtures.processTable(root, Map.of(812, List.of("/usr/bin/python3", "/usr/bin/fail2ban-server", "-xf", "start")));

        ProcessTable.Scan scan = scan(true);

        assertThat(scan.servers()).extracting(ProcessTable.ServerProcess::pid).containsExactly(812);
        assertThat(scan.isComplete()).isTrue();
        assertThat(scan.servers().get(0).describe())
                .isEqualTo("fail2ban-server PID 812: /usr/bin/python3 /usr/bin/fail2ban-server -xf start (/proc/812/cmdline)");
    }

    @Test
    void clientIsNoServer() throws Exception {
        Fixtures.processTable(root, Map.of(900, List.of("/usr/bin/python3", "/usr/bin/fail2ban-client", "status")));

        assertThat(scan(true).servers()).isEmpty();
        assertThat(scan(true).processCount()).isEqualTo(2);
    }

    @Test
    void serverWithAnotherSocketIsAnotherInstance() throws Exception {
        Fixtures.processTable(root, Map.of(
                700, List.of("/usr/bin/python3", "/usr/bin/fail2ban-server", "--async", "-b", "-s", "/tmp/test/f2b.sock"),
                701, List.of("/usr/bin/python3", "/usr/bin/fail2ban-server", "-f", "-x", "-c", "/tmp/test/conf")));

        assertThat(scan(true).servers()).isEmpty();
    }

    @Test
    void backgroundServerNamesItsSocket() throws Exception {
        Fixtures.processTable(root, Map.of(
                640, List.of("/usr/bin/python3", "/usr/bin/fail2ban-server", "--async", "-b", "-s", "/run/fail2ban/fail2ban.sock",
                        "-p", "/run/fail2ban/fail2ban.pid", "--loglevel", "INFO")));

        assertThat(scan(true).servers()).extracting(ProcessTable.ServerProcess::pid).containsExactly(640);
    }

    @Test
    void longAndClusteredOptionsAreRead() {
        assertThat(ProcessTable.serves(List.of("/usr/local/bin/fail2ban-server", "--socket=" + SOCKET, "start"), SOCKET, CONFIG))
                .isTrue();
        assertThat(ProcessTable.serves(List.of("python3", "/usr/bin/fail2ban-server", "-xfc", "/srv/f2b", "start"), SOCKET,
                "/srv/f2b/")).isTrue();
        assertThat(ProcessTable.serves(List.of("python3", "/usr/bin/fail2ban-server", "-xf", "start", "-s", "/tmp/x"), SOCKET,
                CONFIG)).isTrue();
    }

    @Test
    void missingProcSelfMeansNoProcessTable() throws Exception {
        write(root, "/proc/812/cmdline", "/usr/bin/fail2ban-server");

        ProcessTable.Scan scan = scan(true);

        assertThat(scan.isComplete()).isFalse();
        assertThat(scan.limitation()).contains("no /proc/self");
    }

    @Test
    void hidepidHidesOthersFromUnprivilegedAgent() throws Exception {
        Fixtures.processTable(root, Map.of());
        write(root, "/proc/mounts", "proc /proc proc rw,nosuid,nodev,noexec,relatime,hidepid=invisible 0 0");

        assertThat(scan(false).limitation()).isEqualTo(
                "/proc is mounted with hidepid=invisible, which hides other users' processes from this agent");
        assertThat(scan(true).isComplete()).isTrue();
    }

    @Test
    void hidepidZeroHidesNothing() throws Exception {
        Fixtures.processTable(root, Map.of());
        write(root, "/proc/mounts", "proc /proc proc rw,relatime,hidepid=0 0 0");

        assertThat(scan(false).isComplete()).isTrue();
    }
}
