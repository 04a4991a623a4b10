package org.miniops.plugins.ufw;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miniops.api.Host;

/**
 * UFW application profiles: named port lists such as {@code [OpenSSH] ports=22/tcp} that
 * packages install in {@code /etc/ufw/applications.d}.
 *
 * <p>Each profile's {@code ports=} value lists entries separated by {@code |}; an entry is a port
 * list with an optional protocol ({@code 80,443/tcp}, {@code 6881:6891/tcp}) or without one,
 * meaning TCP and UDP ({@code 53}). Instances are immutable.
 */
public final class ApplicationProfiles {

    /** Directory ufw reads profiles from. */
    public static final String DIRECTORY = "/etc/ufw/applications.d";

    /** Suffixes of files ufw skips: package manager leftovers and editor backups. */
    private static final List<String> SKIPPED_SUFFIXES =
            List.of(".dpkg-new", ".dpkg-old", ".dpkg-dist", ".rpmnew", ".rpmsave", "~");

    private final Map<String, List<String>> portsByName;

    private ApplicationProfiles(Map<String, List<String>> portsByName) {
        this.portsByName = Map.copyOf(portsByName);
    }

    /** Returns an empty set of profiles. */
    public static ApplicationProfiles none() {
        return new ApplicationProfiles(Map.of());
    }

    /** Creates profiles from names and their {@code ports=} values, for example {@code "80,443/tcp"}. */
    public static ApplicationProfiles of(Map<String, String> portsValues) {
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        portsValues.forEach((name, value) -> parsed.put(name, splitEntries(value)));
        return new ApplicationProfiles(parsed);
    }

    /**
     * Reads every profile file in {@link #DIRECTORY} in byte order, as ufw does; a later file's
     * profile replaces an earlier one of the same name. Files that cannot be read are left out,
     * so their profiles stay unknown.
     */
    public static ApplicationProfiles read(Host host) throws IOException {
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        for (String path : host.glob(DIRECTORY + "/*")) {
            if (host.isDirectory(path) || SKIPPED_SUFFIXES.stream().anyMatch(path::endsWith)) {
                continue;
            }
            List<String> lines;
            try {
                lines = host.readLines(path);
            } catch (IOException e) {
                continue;
            }
            parsed.putAll(parseFile(lines));
        }
        return new ApplicationProfiles(parsed);
    }

    /** Returns the port entries of profile {@code name}, such as {@code [80,443/tcp]}. */
    public Optional<List<String>> ports(String name) {
        return Optional.ofNullable(portsByName.get(name));
    }

    /** Parses one INI file the way Python's configparser reads it for ufw: sections, then {@code key=value}. */
    static Map<String, List<String>> parseFile(List<String> lines) {
        Map<String, List<String>> profiles = new LinkedHashMap<>();
        String section = null;
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                section = trimmed.substring(1, trimmed.length() - 1);
                continue;
            }
            int separator = indexOfSeparator(trimmed);
            if (section == null || separator < 0) {
                continue;
            }
            String key = trimmed.substring(0, separator).strip();
            if (key.equalsIgnoreCase("ports")) {
                profiles.put(section, splitEntries(trimmed.substring(separator + 1).strip()));
            }
        }
        return profiles;
    }

    private static int indexOfSeparator(String line) {
        int equals = line.indexOf('=');
        int colon = line.indexOf(':');
        if (equals < 0) {
            return colon;
        }
        return colon < 0 ? equals : Math.min(equals, colon);
    }

    private static List<String> splitEntries(String value) {
        return Arrays.stream(value.split("\\|")).map(String::strip).filter(entry -> !entry.isEmpty()).toList();
    }
}
