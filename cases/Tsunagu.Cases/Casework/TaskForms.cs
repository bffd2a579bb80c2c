using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Cases.Casework;

/// <summary>One field of a task's form: <see cref="Name"/> is the completion variable it sets.</summary>
public sealed record FormField(string Name, string Label, string Type, bool Required = false, int? MaxLength = null, IReadOnlyList<string>? Options = null, bool NotAfterToday = false)
{
    public const string Text = "text";
    public const string TextArea = "textarea";
    public const string Choice = "choice";
    public const string Date = "date";
}

/// <summary>Form values refused: each field at fault with the reason, in Japanese, to show next to it. Nothing was completed.</summary>
public sealed class TaskFormException : CasesException
{
    public TaskFormException()
        : this(new Dictionary<string, string>())
    {
    }

    public TaskFormException(string message)
        : base(message) => Errors = new Dictionary<string, string>();

    public TaskFormException(string message, Exception innerException)
        : base(message, innerException) => Errors = new Dictionary<string, string>();

    public TaskFormException(IReadOnlyDictionary<string, string> errors)
        : base(errors.Keys.FirstOrDefault(), "The form has invalid values: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")), null) => Errors = errors;

    public IReadOnlyDictionary<string, string> Errors { get; }
}

/// <summary>
/// The forms of user tasks (workflows/forms/task-forms.json), chosen by the task's form key (<c>tsunagu:form ref</c>);
/// a task without one, or with a key no form defines, gets the default form. Values are checked here, on the server.
/// </summary>
public sealed class TaskForms(TimeProvider time)
{
    public const string DefaultKey = "default";

    private static readonly TimeZoneInfo Japan = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private static readonly string[] KnownTypes = [FormField.Text, FormField.TextArea, FormField.Choice, FormField.Date];

    /// <summary>Loaded after <see cref="KnownTypes"/> (static fields initialise in order); a wrong shipped file fails at first use.</summary>
    private static readonly Dictionary<string, IReadOnlyList<FormField>> Forms = Load();

    /// <summary>The form of a task.</summary>
    public static IReadOnlyList<FormField> For(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Forms.GetValueOrDefault(task.FormRef ?? DefaultKey) ?? Forms[DefaultKey];
    }

    /// <summary>
    /// The completion variables of the posted values (fields left empty and optional are not set); any field at fault
    /// refuses the whole form with <see cref="TaskFormException"/>. Values for fields the form does not have are ignored.
    /// </summary>
    public Dictionary<string, JsonNode?> Read(IReadOnlyList<FormField> form, IReadOnlyDictionary<string, string?> posted)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(posted);
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in form)
        {
            var text = posted.GetValueOrDefault(field.Name)?.Trim() ?? "";
            var error = Check(field, text);
            if (error is not null)
            {
                errors[field.Name] = error;
            }
            else if (text.Length > 0)
            {
                values[field.Name] = text;
            }
        }

        return errors.Count > 0 ? throw new TaskFormException(errors) : values;
    }

    private string? Check(FormField field, string text)
    {
        if (text.Length == 0)
        {
            return field.Required ? "入力してください。" : null;
        }

        if (text.Length > (field.MaxLength ?? 200))
        {
            return $"{field.MaxLength ?? 200}文字以内で入力してください。";
        }

        if (field.Type == FormField.Choice && field.Options?.Contains(text, StringComparer.Ordinal) != true)
        {
            return "選択肢から選んでください。";
        }

        if (field.Type != FormField.Date)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return "日付（年-月-日）で入力してください。";
        }

        return field.NotAfterToday && date > DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Japan).DateTime)
            ? "今日より後の日付は入力できません。"
            : null;
    }

    private static Dictionary<string, IReadOnlyList<FormField>> Load()
    {
        using var stream = typeof(TaskForms).Assembly.GetManifestResourceStream("forms/task-forms.json")!;
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };
        var forms = JsonNode.Parse(stream)!.AsObject()
            .Where(p => !p.Key.StartsWith('$'))
            .ToDictionary(p => p.Key, p => (IReadOnlyList<FormField>)p.Value.Deserialize<List<FormField>>(options)!, StringComparer.Ordinal);
        var wrong = forms.SelectMany(f => f.Value.Where(field => !KnownTypes.Contains(field.Type) || (field.Type == FormField.Choice) != (field.Options is { Count: > 0 })).Select(field => $"{f.Key}.{field.Name}")).ToList();
        return wrong.Count == 0 && forms.ContainsKey(DefaultKey)
            ? forms
            : throw new InvalidOperationException($"task-forms.json: a default form is required; a field's type is text, textarea, choice (with options) or date: {string.Join(", ", wrong)}");
    }
}
