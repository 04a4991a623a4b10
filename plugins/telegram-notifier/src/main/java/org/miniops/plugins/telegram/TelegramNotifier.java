package org.miniops.plugins.telegram;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.miniops.api.Alert;
import org.miniops.api.DeliveryException;
import org.miniops.api.Notifier;
import org.miniops.api.PluginSettings;
import org.pf4j.Extension;

/**
 * Notifier {@code telegram}: posts alerts to a Telegram chat through the Bot API's {@code sendMessage}.
 *
 * <p>Settings: {@code TELEGRAM_BOT_TOKEN} (from @BotFather), {@code TELEGRAM_CHAT_ID} (a numeric id
 * or {@code @channelusername}) and {@code TELEGRAM_API_URL} (default {@code https://api.telegram.org},
 * or a local Bot API server). The server name is the alert's {@link Alert#hostName()}, which the
 * agent takes from {@code SERVER_NAME}.
 *
 * <p>Messages use HTML parse mode with every value escaped. An alert longer than one message goes
 * out as numbered parts in order. When a part fails, the retry starts at that part. Failures map to
 * the {@link Notifier} contract as follows:
 * <ul>
 *   <li>429 with {@code retry_after}: {@link DeliveryException#retryAfter} with that delay;</li>
 *   <li>401, 403, 404, a redirect, and 400 about the chat such as "chat not found":
 *       {@link DeliveryException#misconfigured} with Telegram's description and the fix;</li>
 *   <li>400 with {@code migrate_to_chat_id}: sent again at once to the new chat, which is used
 *       from then on, with one WARN to update {@code TELEGRAM_CHAT_ID};</li>
 *   <li>network errors, timeouts, 5xx and any other 4xx: {@link DeliveryException#retryable}.</li>
 * </ul>
 *
 * <p>The bot token is part of every request URL. No message, log line or exception cause from this
 * class contains it: each is scrubbed with {@link BotToken#scrub}. Thread-safe.
 */
@Extension
public final class TelegramNotifier implements Notifier {

    private static final Logger LOG = Logger.getLogger(TelegramNotifier.class.getName());

    private final BotApiClient client;
    private final PartProgress progress = new PartProgress();
    private final ChatMigrations migrations = new ChatMigrations();

    // Guards that keep a repeated warning to one log line.
    private final AtomicReference<String> loggedProblem = new AtomicReference<>();
    private final AtomicBoolean warnedClearText = new AtomicBoolean();

    public TelegramNotifier() {
        this(BotApiClient.Timeouts.DEFAULT);
    }

    TelegramNotifier(BotApiClient.Timeouts timeouts) {
        this(new BotApiClient(timeouts));
    }

    TelegramNotifier(BotApiClient client) {
        this.client = client;
    }

    @Override
    public String id() {
        return "telegram";
    }

    /**
     * Returns whether token, chat id and API URL are set and plausible. When the operator set a
     * token or chat id that is implausible, the reason is logged once as a WARN.
     */
    @Override
    public boolean isConfigured(PluginSettings settings) {
        Optional<String> problem = configurationProblem(settings);
        boolean attempted = settings.get(TelegramSettings.BOT_TOKEN).isPresent()
                || settings.get(TelegramSettings.CHAT_ID).isPresent();
        if (problem.isPresent() && attempted && !problem.get().equals(loggedProblem.getAndSet(problem.get()))) {
            LOG.warning("Telegram notifier is not configured: " + problem.get());
        }
        return problem.isEmpty();
    }

    /**
     * Returns why {@code settings} cannot be used, naming the key and the fix, or empty when they
     * can. The text never contains the bot token, so the agent may show it in its API.
     */
    public static Optional<String> configurationProblem(PluginSettings settings) {
        try {
            TelegramSettings.read(settings);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Returns the warning to update {@code TELEGRAM_CHAT_ID} after Telegram migrated the chat, or
     * empty. The same text is logged once as a WARN when the migration happens.
     */
    public Optional<String> chatMigrationWarning() {
        return migrations.warning();
    }

    @Override
    public void deliver(Alert alert, PluginSettings settings) throws DeliveryException {
        TelegramSettings telegram;
        try {
            telegram = TelegramSettings.read(settings);
        } catch (IllegalArgumentException e) {
            throw DeliveryException.misconfigured(e.getMessage());
        }
        warnIfTokenTravelsInClear(telegram);

        List<String> parts = MessageSplitter.split(AlertText.lines(alert));
        for (int index = progress.firstPending(alert.id(), parts.size()); index < parts.size(); index++) {
            send(telegram, parts.get(index), partLabel(index, parts.size()));
            progress.accepted(alert.id(), parts.size(), index + 1);
        }
    }

    private void send(TelegramSettings telegram, String text, String part) throws DeliveryException {
        String chatId = migrations.current(telegram.chatId());
        BotApiReply reply = post(telegram, chatId, text, part);
        if (reply.isAccepted()) {
            return;
        }

        Optional<String> migratedTo = reply.migrateToChatId().filter(newId -> !newId.equals(chatId));
        if (migratedTo.isPresent()) {
            if (migrations.record(telegram.chatId(), migratedTo.get())) {
                LOG.warning(ChatMigrations.warning(telegram.chatId(), migratedTo.get()));
            }
            reply = post(telegram, migratedTo.get(), text, part);
            if (reply.isAccepted()) {
                return;
            }
        }
        throw failure(telegram, migrations.current(telegram.chatId()), reply, part);
    }

    private BotApiReply post(TelegramSettings telegram, String chatId, String text, String part)
            throws DeliveryException {
        BotToken token = telegram.token();
        try {
            return client.sendMessage(telegram, chatId, text);
        } catch (IOException | RuntimeException e) {
            // OkHttp names the request URL in some messages, and the URL contains the token.
            String reason = token.scrub(e.getClass().getSimpleName() + ": " + e.getMessage());
            throw DeliveryException.retryable("Telegram Bot API at " + token.scrub(telegram.apiUrl())
                    + " failed for " + part + ": " + reason, token.scrub(e));
        }
    }

    /** Maps a reply that Telegram did not accept to the failure kind the agent acts on. */
    private static DeliveryException failure(TelegramSettings telegram, String chatId, BotApiReply reply, String part) {
        BotToken token = telegram.token();
        String what = token.scrub(reply.describe());
        String apiUrl = token.scrub(telegram.apiUrl());

        if (reply.retryAfter().isPresent()) {
            long seconds = reply.retryAfter().get().toSeconds();
            return DeliveryException.retryAfter("Telegram rate limit for " + part + ": " + what
                    + ". Telegram requests a wait of at least " + seconds + " s", reply.retryAfter().get());
        }
        if (reply.isRedirect()) {
            return DeliveryException.misconfigured(TelegramSettings.API_URL + " " + apiUrl + " returned " + what
                    + " with a redirect to " + token.scrub(reply.location().orElse("nowhere"))
                    + ". Redirects are not followed because the request URL contains the bot token."
                    + " Set TELEGRAM_API_URL to the address that serves the Bot API");
        }
        if (reply.rejectsToken()) {
            return DeliveryException.misconfigured("Telegram rejected TELEGRAM_BOT_TOKEN: " + what
                    + ". Copy the token again from @BotFather (/mybots, API Token). Revoking a token there"
                    + " invalidates the old one");
        }
        if (reply.rejectsPath()) {
            return DeliveryException.misconfigured("The Bot API at " + apiUrl + " returned " + what
                    + " for sendMessage. Check TELEGRAM_BOT_TOKEN, and TELEGRAM_API_URL (leave it empty for "
                    + TelegramSettings.DEFAULT_API_URL + ")");
        }
        if (reply.rejectsChat()) {
            return DeliveryException.misconfigured("Telegram cannot post to TELEGRAM_CHAT_ID " + chatId + ": " + what
                    + ". Send the bot a message, or add it to the group or channel with the right to post,"
                    + " then check the id in getUpdates");
        }
        return DeliveryException.retryable("Telegram did not accept " + part + ": " + what, null);
    }

    private void warnIfTokenTravelsInClear(TelegramSettings telegram) {
        if (telegram.sendsTokenInClear() && !warnedClearText.getAndSet(true)) {
            LOG.warning("TELEGRAM_API_URL " + telegram.token().scrub(telegram.apiUrl())
                    + " is plain http:// to another machine, so the bot token crosses the network unencrypted."
                    + " Use https:// unless that network is private");
        }
    }

    private static String partLabel(int index, int parts) {
        return parts == 1 ? "the alert" : "part " + (index + 1) + "/" + parts + " of the alert";
    }
}
