package org.miniops.plugins.ufw;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.miniops.api.CommandRunner;
import org.miniops.api.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationProfilesTest {

    @TempDir
    Path root;

    private ApplicationProfiles read() throws Exception {
        return ApplicationProfiles.read(Host.of(root, CommandRunner.disabled(), true));
    }

    @Test
    void profileFileYieldsPortEntries() throws Exception {
        Fixtures.write(root, "/etc/ufw/applications.d/ufw-webserver", """
                [WWW]
                title=Web Server
                description=Web server
                ports=80/tcp

                [WWW Full]
                title=Web Server (HTTP,HTTPS)
                ports=80,443/tcp
                """);

        assertThat(read().ports("WWW Full")).contains(java.util.List.of("80,443/tcp"));
        assertThat(read().ports("WWW")).contains(java.util.List.of("80/tcp"));
    }

    @Test
    void entriesSplitAtBar() throws Exception {
        Fixtures.write(root, "/etc/ufw/applications.d/chat", "[MSN]\nports=1863|6891:6900/tcp|6901\n");

        assertThat(read().ports("MSN")).contains(java.util.List.of("1863", "6891:6900/tcp", "6901"));
    }

    @Test
    void laterFileReplacesProfile() throws Exception {
        Fixtures.write(root, "/etc/ufw/applications.d/a-openssh", "[OpenSSH]\nports=22/tcp\n");
        Fixtures.write(root, "/etc/ufw/applications.d/b-local", "[OpenSSH]\nports=2222/tcp\n");

        assertThat(read().ports("OpenSSH")).contains(java.util.List.of("2222/tcp"));
    }

    @Test
    void packageManagerLeftoversAreSkipped() throws Exception {
        Fixtures.write(root, "/etc/ufw/applications.d/openssh-server", "[OpenSSH]\nports=22/tcp\n");
        Fixtures.write(root, "/etc/ufw/applications.d/openssh-server.dpkg-old", "[OpenSSH]\nports=2022/tcp\n");

        assertThat(read().ports("OpenSSH")).contains(java.util.List.of("22/tcp"));
    }

    @Test
    void missingDirectoryYieldsNoProfiles() throws Exception {
        assertThat(read().ports("OpenSSH")).isEmpty();
    }
}
