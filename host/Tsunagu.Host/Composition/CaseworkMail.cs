using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Tsunagu.Cases.Notifications;

namespace Tsunagu.Host.Composition;

/// <summary>
/// E-mail for notifications (<c>Tsunagu:Smtp</c>); off while <see cref="Host"/> is empty. Staff accounts carry no
/// address yet, so <see cref="AddressFormat"/> makes one from the staff id (e.g. <c>{0}@city.example.lg.jp</c>).
/// </summary>
public sealed class SmtpSettings
{
    public const string Section = "Tsunagu:Smtp";

    public string Host { get; set; } = "";

    public int Port { get; set; } = 25;

    public string From { get; set; } = "tsunagu@localhost";

    public string AddressFormat { get; set; } = "{0}@localhost";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => Host.Length > 0;
}

/// <summary>
/// Sends the mail outbox: each pending notification is taken by one sender before it is sent, so a retry, a second
/// sender or a crash after sending never sends it twice; a failed send goes back to pending and is tried next round.
/// </summary>
public sealed partial class MailOutbox(INotificationStore store, IOptions<SmtpSettings> options, TimeProvider time, ILogger<MailOutbox> log)
{
    private const int Batch = 50;

    /// <summary>Sends what is pending; the number sent.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return 0;
        }

        var sent = 0;
        foreach (var notification in await store.PendingMailAsync(Batch, cancellationToken))
        {
            if (!await store.TakeForMailAsync(notification.Id, cancellationToken))
            {
                continue;
            }

            var ok = await SendAsync(settings, notification, cancellationToken);
            await store.MailDoneAsync(notification.Id, ok, time.GetUtcNow(), cancellationToken);
            sent += ok ? 1 : 0;
        }

        return sent;
    }

    private async Task<bool> SendAsync(SmtpSettings settings, Notification notification, CancellationToken cancellationToken)
    {
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, settings.AddressFormat, notification.Recipient)));
        message.Subject = $"[つなぐ] {notification.Message}";
        // Case data stays in the system: the mail says that something happened and where to look, not who it concerns.
        message.Body = new TextPart("plain") { Text = $"{notification.Message}\nケース: {notification.CaseId}\nつなぐ にサインインして確認してください。" };
        try
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(settings.Host, settings.Port, SecureSocketOptions.None, cancellationToken);
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is IOException or SmtpCommandException or SmtpProtocolException or System.Net.Sockets.SocketException)
        {
            MailFailed(log, e, notification.Id);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail for notification {Id} failed; it stays in the outbox")]
    private static partial void MailFailed(ILogger logger, Exception exception, string id);
}

/// <summary>Drains every municipality's mail outbox every <see cref="SmtpSettings.PollInterval"/> while SMTP is configured.</summary>
public sealed partial class MailOutboxService(TenantShells shells, IOptions<SmtpSettings> options, TimeProvider time, ILogger<MailOutboxService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var shell in shells.All)
            {
                // One municipality's store being down must not stop the others' mail, nor the host.
                try
                {
                    await shell.Services.GetRequiredService<MailOutbox>().DrainAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    DrainFailed(log, e, shell.Id);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail outbox of {Municipality} could not be drained; it is tried again at the next poll")]
    private static partial void DrainFailed(ILogger logger, Exception exception, string municipality);
}

public static class CaseworkMailServices
{
    public static IServiceCollection AddCaseworkMail(this IServiceCollection services)
    {
        services.AddOptions<SmtpSettings>().BindConfiguration(SmtpSettings.Section);
        services.AddHostedService<MailOutboxService>();
        return services;
    }
}
