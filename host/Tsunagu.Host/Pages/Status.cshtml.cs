using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Tsunagu.Host.Pages;

/// <summary>The page for an error status; a case one may not see and one that does not exist both end here as 404.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : TsunaguPage
{
    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code) => (Title, Message) = code switch
    {
        StatusCodes.Status404NotFound => ("見つかりません", "お探しのページは見つかりませんでした。URLをご確認ください。"),
        StatusCodes.Status403Forbidden => ("権限がありません", "このページを開く権限がありません。必要な場合は管理者にご相談ください。"),
        StatusCodes.Status429TooManyRequests => ("しばらくお待ちください", "短い時間に多くの操作がありました。少し時間をおいてからもう一度お試しください。"),
        _ => ("エラーが発生しました", $"処理を完了できませんでした（{code}）。もう一度お試しください。"),
    };
}
