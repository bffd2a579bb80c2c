namespace Tsunagu.Cases.Privacy;

/// <summary>The statements of the domain's stores that SQLite and PostgreSQL write alike; parameters are named after the records' fields.</summary>
public static class PrivacySql
{
    public const string AddAccount = """
        INSERT INTO accounts (id, name, institution, roles, area, password_hash, disabled, external_subject)
        VALUES (@Id, @Name, @Institution, @Roles, @Area, @PasswordHash, @Disabled, @ExternalSubject)
        ON CONFLICT (id) DO NOTHING
        """;

    public const string UpdateAccount = """
        UPDATE accounts SET name = @Name, institution = @Institution, roles = @Roles, area = @Area, password_hash = @PasswordHash,
            disabled = @Disabled, external_subject = @ExternalSubject
        WHERE id = @Id
        """;

    public const string SetFailures = """
        INSERT INTO sign_in_failures (user_name, count, first_at, locked_until) VALUES (@UserName, @Count, @FirstAt, @LockedUntil)
        ON CONFLICT (user_name) DO UPDATE SET count = excluded.count, first_at = excluded.first_at, locked_until = excluded.locked_until
        """;

    public const string ClearFailures = "DELETE FROM sign_in_failures WHERE user_name = @userName";

    public const string GetFailures = "SELECT user_name, count, first_at, locked_until FROM sign_in_failures WHERE user_name = @userName";

    public const string FindMeeting = "SELECT document FROM meetings WHERE id = @meetingId";

    public const string MeetingsForCase =
        "SELECT m.document FROM meeting_cases c JOIN meetings m ON m.id = c.meeting_id WHERE c.case_id = @caseId ORDER BY m.date, m.id";

    public const string RecentMeetings = "SELECT document FROM meetings ORDER BY date DESC, id DESC LIMIT @limit";

    public const string UpdateMeeting = "UPDATE meetings SET kind = @Kind, date = @Date, document = @Document WHERE id = @Id";
}
