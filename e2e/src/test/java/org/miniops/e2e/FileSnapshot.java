package org.miniops.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Arrays;
import java.util.Set;

/**
 * Byte-exact copy of a system file with its mode and owner, taken before a test changes the file
 * so that the test can check the file against it and put it back.
 *
 * @param file the file copied
 * @param content its bytes
 * @param permissions its mode
 * @param owner its owning user
 * @param group its owning group
 */
record FileSnapshot(Path file, byte[] content, Set<PosixFilePermission> permissions, UserPrincipal owner, GroupPrincipal group) {

    static FileSnapshot take(Path file) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
        return new FileSnapshot(file, Files.readAllBytes(file), attributes.permissions(), attributes.owner(), attributes.group());
    }

    /** Returns how the file differs from this snapshot now, or null when content, mode and owner all match. */
    String difference() throws IOException {
        if (!Files.isRegularFile(file)) {
            return file + " is missing or not a regular file";
        }
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
        byte[] now = Files.readAllBytes(file);
        if (!Arrays.equals(now, content)) {
            return file + " content differs: " + now.length + " bytes now, " + content.length + " before; now:\n"
                    + new String(now, StandardCharsets.UTF_8);
        }
        if (!attributes.permissions().equals(permissions)) {
            return file + " mode is " + PosixFilePermissions.toString(attributes.permissions()) + ", before "
                    + PosixFilePermissions.toString(permissions);
        }
        if (!attributes.owner().equals(owner) || !attributes.group().equals(group)) {
            return file + " owner is " + attributes.owner().getName() + ":" + attributes.group().getName() + ", before "
                    + owner.getName() + ":" + group.getName();
        }
        return null;
    }

    /**
     * Writes the snapshot back unless the file already matches it. The copy is renamed over the
     * file, so sshd, when it reads the file for a login meanwhile, gets the old or the new file whole.
     */
    void restore() throws IOException {
        if (difference() == null) {
            return;
        }
        Path temporary = file.resolveSibling("." + file.getFileName() + ".miniops-e2e-restore");
        Files.write(temporary, content);
        PosixFileAttributeView view = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
        view.setOwner(owner);
        view.setGroup(group);
        view.setPermissions(permissions);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
