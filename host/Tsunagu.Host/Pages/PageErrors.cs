using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Tsunagu.Cases;
using Tsunagu.Engine.Execution;

namespace Tsunagu.Host.Pages;

/// <summary>
/// Translates the domain's refusals for people: what the caller may not see is the same 404 page as what does not
/// exist; a meeting member who has not acknowledged the secrecy duty is sent to that step; rejected input on a form
/// comes back as a message on the page it was sent from.
/// </summary>
public sealed class PageErrors(ITempDataDictionaryFactory tempData) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        var request = executed.HttpContext.Request;
        switch (executed.Exception)
        {
            case CaseNotFoundException or EngineNotFoundException:
                executed.Result = new NotFoundResult();
                break;
            case AcknowledgementRequiredException { MeetingId: { } meetingId }:
                executed.Result = new RedirectResult($"/meetings/{Uri.EscapeDataString(meetingId)}");
                break;
            case CasesException refused when HttpMethods.IsPost(request.Method):
                tempData.GetTempData(executed.HttpContext)[TsunaguPage.ErrorKey] = refused.Message;
                executed.Result = new RedirectResult(TsunaguPage.Back(request));
                break;
            default:
                return;
        }

        executed.ExceptionHandled = true;
    }
}
