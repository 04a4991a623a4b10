package org.miniops.plugins.ssh;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Checks the arguments of the keywords this plugin audits the way sshd does, and brings ports to
 * numeric form.
 *
 * <p>sshd refuses to start on a value it does not accept, so the parser records such a line as a
 * {@link ConfigProblem} instead of letting it win. Arguments of other keywords pass unchanged.
 */
final class DirectiveArguments {

    private static final Set<String> YES_NO = Set.of("yes", "no");
    private static final Set<String> ROOT_LOGIN_VALUES =
            Set.of("yes", "no", "prohibit-password", "without-password", "forced-commands-only");
    private static final Set<String> ADDRESS_FAMILIES = Set.of("any", "inet", "inet6");

    private DirectiveArguments() {
    }

    /**
     * Returns the arguments sshd would store for {@code keyword}: unchanged, except that a {@code Port}
     * or {@code ListenAddress} port given as a service name such as {@code ssh} becomes its number.
     *
     * @throws ConfigSyntaxException with sshd's message when sshd rejects the arguments
     */
    static List<String> check(String keyword, List<String> arguments, PortNumbers ports) throws ConfigSyntaxException {
        return switch (keyword) {
            case SshdKeywords.PASSWORD_AUTHENTICATION, SshdKeywords.KBD_INTERACTIVE_AUTHENTICATION, SshdKeywords.USE_PAM ->
                    requireOneOf(keyword, arguments, YES_NO);
            case SshdKeywords.PERMIT_ROOT_LOGIN -> requireOneOf(keyword, arguments, ROOT_LOGIN_VALUES);
            case SshdKeywords.ADDRESS_FAMILY -> requireOneOf(keyword, arguments, ADDRESS_FAMILIES);
            case SshdKeywords.PORT -> List.of(Integer.toString(port(arguments, ports)));
            case SshdKeywords.LISTEN_ADDRESS -> List.of(ListenAddress.parse(arguments, ports).value().split(" "));
            default -> arguments;
        };
    }

    private static List<String> requireOneOf(String keyword, List<String> arguments, Set<String> accepted)
            throws ConfigSyntaxException {
        String value = single(keyword, arguments);
        if (!accepted.contains(value.toLowerCase(Locale.ROOT))) {
            throw new ConfigSyntaxException(keyword, "unsupported option \"" + value + "\"");
        }
        return arguments;
    }

    private static int port(List<String> arguments, PortNumbers ports) throws ConfigSyntaxException {
        OptionalInt port = ports.resolve(single(SshdKeywords.PORT, arguments));
        if (port.isEmpty() || port.getAsInt() == 0) {
            throw new ConfigSyntaxException(SshdKeywords.PORT, "Badly formatted port number");
        }
        return port.getAsInt();
    }

    private static String single(String keyword, List<String> arguments) throws ConfigSyntaxException {
        if (arguments.isEmpty() || arguments.get(0).isEmpty()) {
            throw new ConfigSyntaxException(keyword, "missing argument");
        }
        if (arguments.size() > 1) {
            throw new ConfigSyntaxException(keyword, "keyword " + keyword + " extra arguments at end of line");
        }
        return arguments.get(0);
    }
}
