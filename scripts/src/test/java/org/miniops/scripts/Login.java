package org.miniops.scripts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run of ssh-alert.sh as pam_exec makes it for one PAM event: the PAM variables as the whole environment and the
 * arguments of the PAM line.
 */
final class Login {

    private final Map<String, String> pamEnvironment = new LinkedHashMap<>();
    private final List<String> arguments = new ArrayList<>();

    private Login() {
    }

    /** Starts an sshd session opening for {@code user} from {@code rhost}, with the tty that sshd reports. */
    static Login sshd(String user, String rhost) {
        return new Login()
                .pam("PAM_TYPE", "open_session")
                .pam("PAM_SERVICE", "sshd")
                .pam("PAM_USER", user)
                .pam("PAM_RHOST", rhost)
                .pam("PAM_TTY", "ssh");
    }

    Login pam(String name, String value) {
        pamEnvironment.put(name, value);
        return this;
    }

    Login withoutPam(String name) {
        pamEnvironment.remove(name);
        return this;
    }

    Login port(int port) {
        return argument("--port", Integer.toString(port));
    }

    Login keyFile(Path keyFile) {
        return argument("--key-file", keyFile.toString());
    }

    Login spoolDir(Path spoolDir) {
        return argument("--spool-dir", spoolDir.toString());
    }

    private Login argument(String name, String value) {
        arguments.add(name);
        arguments.add(value);
        return this;
    }

    ScriptRun run() throws IOException, InterruptedException {
        return Scripts.run(Scripts.HOOK, arguments, pamEnvironment);
    }
}
