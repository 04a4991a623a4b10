package org.miniops.plugins.fail2ban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.miniops.plugins.fail2ban.Fixtures.write;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStackTest {

    private static final String DIR = "/etc/fail2ban";

    @TempDir
    Path root;

    private ConfigStack jail() throws Exception {
        return ConfigStack.read(Fixtures.filesOnly(root), DIR, "jail");
    }

    @Test
    void filesAreReadInFail2BanOrder() throws Exception {
        write(root, DIR + "/jail.conf", "[sshd]", "port = conf");
        write(root, DIR + "/jail.d/b.conf", "[sshd]", "port = d-conf");
        write(root, DIR + "/jail.local", "[sshd]", "port = local");
        write(root, DIR + "/jail.d/a.local", "[sshd]", "port = d-local");

        assertThat(jail().filesRead()).containsExactly(DIR + "/jail.conf", DIR + "/jail.d/b.conf", DIR + "/jail.local",
                DIR + "/jail.d/a.local");
        assertThat(jail().get("sshd", "port")).hasValue("d-local");
    }

    @Test
    void dropInsAreReadInByteOrder() throws Exception {
        write(root, DIR + "/jail.d/20-b.conf", "[sshd]", "port = 20");
        write(root, DIR + "/jail.d/10-a.conf", "[sshd]", "port = 10");
        write(root, DIR + "/jail.d/a.conf", "[sshd]", "port = a");
        write(root, DIR + "/jail.d/Z.conf", "[sshd]", "port = Z");

        assertThat(jail().get("sshd", "port")).hasValue("a");
    }

    @Test
    void hiddenDropInIsIgnored() throws Exception {
        write(root, DIR + "/jail.conf", "[sshd]", "port = 22");
        write(root, DIR + "/jail.d/.backup.conf", "[sshd]", "port = 1");

        assertThat(jail().get("sshd", "port")).hasValue("22");
    }

    @Test
    void laterFileReplacesOnlyTheOptionsItSets() throws Exception {
        write(root, DIR + "/jail.conf", "[sshd]", "port = ssh", "logpath = /var/log/auth.log");
        write(root, DIR + "/jail.local", "[sshd]", "port = 2222");

        assertThat(jail().get("sshd", "port")).hasValue("2222");
        assertThat(jail().get("sshd", "logpath")).hasValue("/var/log/auth.log");
    }

    @Test
    void defaultAppliesToEverySection() throws Exception {
        write(root, DIR + "/jail.conf", "[DEFAULT]", "bantime = 10m", "[sshd]", "port = ssh", "[nginx]", "bantime = 1h");
        write(root, DIR + "/jail.local", "[DEFAULT]", "bantime = 1d");

        assertThat(jail().get("sshd", "bantime")).hasValue("1d");
        assertThat(jail().get("nginx", "bantime")).hasValue("1h");
    }

    @Test
    void includeBeforeIsReadFirstAndAfterLast() throws Exception {
        write(root, DIR + "/paths-common.conf", "[DEFAULT]", "sshd_log = /common.log", "x = common");
        write(root, DIR + "/paths-debian.conf", "[INCLUDES]", "before = paths-common.conf", "after = paths-overrides.local",
                "[DEFAULT]", "sshd_log = /debian.log");
        write(root, DIR + "/paths-overrides.local", "[DEFAULT]", "x = override");
        write(root, DIR + "/jail.conf", "[INCLUDES]", "before = paths-debian.conf", "[sshd]", "logpath = %(sshd_log)s", "x = jail");

        ConfigStack stack = jail();

        assertThat(stack.filesRead()).containsExactly(DIR + "/paths-common.conf", DIR + "/paths-debian.conf",
                DIR + "/paths-overrides.local", DIR + "/jail.conf");
        assertThat(stack.get("sshd", "logpath")).hasValue("/debian.log");
        assertThat(stack.get("sshd", "x")).hasValue("jail");
    }

    @Test
    void includedFileBringsItsLocalCompanion() throws Exception {
        write(root, DIR + "/paths-debian.conf", "[DEFAULT]", "sshd_log = /var/log/auth.log");
        write(root, DIR + "/paths-debian.local", "[DEFAULT]", "sshd_log = /var/log/secure");
        write(root, DIR + "/jail.conf", "[INCLUDES]", "before = paths-debian.conf", "[sshd]", "logpath = %(sshd_log)s");

        assertThat(jail().get("sshd", "logpath")).hasValue("/var/log/secure");
    }

    @Test
    void missingIncludeIsSkipped() throws Exception {
        write(root, DIR + "/jail.conf", "[INCLUDES]", "after = paths-overrides.local", "[sshd]", "port = ssh");

        assertThat(jail().filesRead()).containsExactly(DIR + "/jail.conf");
    }

    @Test
    void includeLoopEnds() throws Exception {
        write(root, DIR + "/a.conf", "[INCLUDES]", "before = jail.conf", "[DEFAULT]", "port = 1");
        write(root, DIR + "/jail.conf", "[INCLUDES]", "before = a.conf", "[sshd]", "enabled = true");

        assertThat(jail().get("sshd", "port")).hasValue("1");
    }

    @Test
    void nameReferenceResolvesToSection() throws Exception {
        write(root, DIR + "/jail.conf", "[DEFAULT]", "filter = %(__name__)s[mode=%(mode)s]", "mode = normal", "[sshd]",
                "[postfix]", "mode = aggressive");

        assertThat(jail().get("sshd", "filter")).hasValue("sshd[mode=normal]");
        assertThat(jail().get("postfix", "filter")).hasValue("postfix[mode=aggressive]");
    }

    @Test
    void nestedReferenceUsesTheReadingSection() throws Exception {
        write(root, DIR + "/jail.conf", "[DEFAULT]", "port = 0:65535", "banaction = iptables-multiport",
                "action_ = %(banaction)s[port=\"%(port)s\"]", "action = %(action_)s", "[sshd]", "port = ssh");

        assertThat(jail().get("sshd", "action")).hasValue("iptables-multiport[port=\"ssh\"]");
    }

    @Test
    void referenceNamesAreCaseInsensitive() throws Exception {
        write(root, DIR + "/jail.conf", "[sshd]", "Port = 2222", "note = %(PORT)s");

        assertThat(jail().get("sshd", "note")).hasValue("2222");
    }

    @Test
    void doublePercentIsALiteralPercent() throws Exception {
        write(root, DIR + "/jail.conf", "[sshd]", "datepattern = %%Y-%%m-%%d");

        assertThat(jail().get("sshd", "datepattern")).hasValue("%Y-%m-%d");
    }

    @Test
    void knownReferenceReadsTheReplacedValue() throws Exception {
        write(root, DIR + "/jail.conf", "[sshd]", "port = ssh");
        write(root, DIR + "/jail.local", "[sshd]", "port = %(known/port)s,2222");

        assertThat(jail().get("sshd", "port")).hasValue("ssh,2222");
    }

    @Test
    void knownReferenceFallsBackToDefault() throws Exception {
        write(root, DIR + "/jail.conf", "[DEFAULT]", "port = 0:65535", "[sshd]", "enabled = true");
        write(root, DIR + "/jail.local", "[sshd]", "port = %(known/port)s");

        assertThat(jail().get("sshd", "port")).hasValue("0:65535");
    }

    @Test
    void defaultReferenceIgnoresTheSection() throws Exception {
        write(root, DIR + "/jail.conf", "[DEFAULT]", "backend = auto", "default_backend = %(default/backend)s",
                "[sshd]", "backend = polling", "note = %(default_backend)s");

        assertThat(jail().get("sshd", "note")).hasValue("auto");
    }

    @Test
    void sectionReferenceReadsOtherSection() throws Exception {
        write(root, DIR + "/jail.conf", "[sshd]", "port = 2222", "[dropbear]", "port = %(sshd/port)s");

        assertThat(jail().get("dropbear", "port")).hasValue("2222");
    }

    @Test
    void conditionalSectionAddsSuffixedOptions() throws Exception {
        write(root, DIR + "/jail.conf", "[sshd]", "port = ssh");
        write(root, DIR + "/jail.local", "[sshd?family=inet6]", "port = 22");

        assertThat(jail().get("sshd", "port?family=inet6")).hasValue("22");
        assertThat(jail().sectionNames()).containsExactly("sshd");
    }

    @Test
    void missingReferenceIsRejected() throws Exception {
        write(root, DIR + "/jail.conf", "[DEFAULT]", "action = %(action_)s", "action_ = x[port=%(port)s]", "[sshd]",
                "port = %(nosuchoption)s");

        assertThatThrownBy(() -> jail().get("sshd", "action"))
                .isInstanceOf(Fail2BanConfigException.class)
                .hasMessage("Bad value substitution: option 'action' in section 'sshd' contains an interpolation key"
                        + " 'nosuchoption' which is not a valid option name. Raw value: '%(action_)s'");
    }

    @Test
    void lonePercentIsRejected() throws Exception {
        write(root, DIR + "/jail.conf", "[sshd]", "note = 100%");

        assertThatThrownBy(() -> jail().get("sshd", "note"))
                .isInstanceOf(Fail2BanConfigException.class)
                .hasMessageStartingWith("'%' must be followed by '%' or '('");
    }

    @Test
    void selfReferenceHitsTheDepthLimit() throws Exception {
        write(root, DIR + "/jail.conf", "[sshd]", "port = %(port)s");

        assertThatThrownBy(() -> jail().get("sshd", "port"))
                .isInstanceOf(Fail2BanConfigException.class)
                .hasMessageStartingWith("Recursion limit exceeded in value substitution");
    }

    @Test
    void missingOptionIsEmpty() throws Exception {
        write(root, DIR + "/jail.conf", "[sshd]", "port = ssh");

        assertThat(jail().get("sshd", "logpath")).isEmpty();
    }
}
