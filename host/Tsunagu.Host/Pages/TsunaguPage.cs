using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Cases.Casework;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Pages;

/// <summary>A page acting for the signed-in member of staff; the domain decides, the page translates.</summary>
public abstract class TsunaguPage : PageModel
{
    public const string ErrorKey = "error";

    public const string NoticeKey = "notice";

    protected Caller Caller => User.Caller();

    /// <summary>Post/redirect/get: the message is shown once on the page the browser comes back to.</summary>
    protected RedirectResult Done(string notice)
    {
        TempData[NoticeKey] = notice;
        return Redirect(Back(Request));
    }

    /// <summary>The page a form was posted from, without the handler that took the post.</summary>
    public static string Back(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = QueryString.Create(request.Query.Where(q => q.Key != "handler"));
        return request.Path + query;
    }
}
