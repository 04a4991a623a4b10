package org.miniops.plugins.telegram;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chat ids that Telegram reported as migrated, from the configured id to the new one.
 *
 * <p>A basic group that becomes a supergroup gets a new id, and the Bot API rejects a message to
 * the old id with {@code parameters.migrate_to_chat_id}. The plugin then uses the new id until the
 * process ends, and the operator updates {@code TELEGRAM_CHAT_ID}. Thread-safe.
 */
final class ChatMigrations {

    private final Map<String, String> newIds = new ConcurrentHashMap<>();

    /** Returns the id to send to in place of the configured {@code chatId}. */
    String current(String chatId) {
        return newIds.getOrDefault(chatId, chatId);
    }

    /** Records a migration; returns whether it is new, so the caller warns once. */
    boolean record(String configuredChatId, String newChatId) {
        return !newChatId.equals(newIds.put(configuredChatId, newChatId));
    }

    /** Returns the warning for the operator, if a configured chat id was migrated. */
    Optional<String> warning() {
        return newIds.entrySet().stream()
                .map(entry -> warning(entry.getKey(), entry.getValue()))
                .sorted()
                .reduce((first, second) -> first + " " + second);
    }

    static String warning(String configuredChatId, String newChatId) {
        return "Telegram reports that TELEGRAM_CHAT_ID " + configuredChatId + " was migrated to supergroup "
                + newChatId + ", so alerts go to " + newChatId + " until the agent restarts. Update TELEGRAM_CHAT_ID to "
                + newChatId + ".";
    }
}
