using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Pages;

/// <summary><c>/</c>: a signed-in person goes to their start page, anyone else to the sign-in page.</summary>
[AllowAnonymous]
public sealed class IndexModel : TsunaguPage
{
    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated != true ? Redirect("/login")
        : PageSignIn.StartPage(User) is { } start ? Redirect(start)
        : Page();
}
