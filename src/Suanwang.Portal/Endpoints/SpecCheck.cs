using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Suanwang.ControlPlane.Admission;
using Suanwang.Portal.Localization;
using Suanwang.Portal.Pages;
using Suanwang.Portal.Security;

namespace Suanwang.Portal.Endpoints;

/// <summary>
/// The order page's live validation: the script posts the order form (with its antiforgery token)
/// as the user types, and gets back what Validate would say: the field, the line in the spec as
/// sent and in the YAML box, and the reason, from the same admission as the API. Writes nothing.
/// </summary>
internal static class SpecCheck
{
    // The form's fields are bounded by OrderForm; this bounds the whole body before it is read.
    private const long MaxBody = OrderForm.MaxYaml + OrderForm.MaxRun + (16 * 1024);

    /// <summary>Maps <c>POST /portal/order/check</c> onto <paramref name="group"/>.</summary>
    public static void Map(RouteGroupBuilder group) => group.MapPost("/order/check", CheckAsync).DisableAntiforgery();

    private static async Task<IResult> CheckAsync(HttpContext context, IAntiforgery antiforgery, JobAdmission admission, Texts texts, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength is not { } length || length > MaxBody || !context.Request.HasFormContentType)
        {
            return Results.BadRequest(new { field = "body", detail = $"a form of at most {MaxBody} bytes" });
        }

        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return Results.BadRequest(new { field = "__csrf", detail = "the form's antiforgery token is missing or wrong: load the page again" });
        }

        var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var order = new OrderForm
        {
            Name = form["Form.Name"].FirstOrDefault(),
            Run = form["Form.Run"].FirstOrDefault(),
            Model = form["Form.Model"].FirstOrDefault(),
            Cards = form["Form.Cards"].FirstOrDefault(),
            TimeLimit = form["Form.TimeLimit"].FirstOrDefault(),
            Estimate = form["Form.Estimate"].FirstOrDefault(),
            Country = form["Form.Country"].FirstOrDefault(),
            Spot = form["Form.Spot"].FirstOrDefault() == "true",
            Yaml = form["Form.Yaml"].FirstOrDefault(),
        };
        var user = PortalUser.From(context.User)!;
        Refusal? refusal;
        string? spec = null;
        if (order.Problem() is { } problem)
        {
            refusal = Refusal.BadField(problem.Field, problem.Message);
        }
        else
        {
            spec = order.Spec();
            var read = await admission.ReadAsync(user.Actor, spec, AdmissionPurpose.Order, cancellationToken).ConfigureAwait(false);
            refusal = read.Refused ? read.Refusal : (await admission.PlaceableAsync(read.Value!, cancellationToken).ConfigureAwait(false)).Refusal;
        }

        if (refusal is null)
        {
            return Results.Json(new { valid = true, message = texts["Order.Valid"] }, JsonSerializerOptions.Web);
        }

        // The YAML box's text follows the common fields in the spec: its first line comes after theirs.
        int? yamlLine = null;
        if (spec is not null && refusal.Line is > 0 && !string.IsNullOrWhiteSpace(order.Yaml))
        {
            var before = spec.Length - (order.Yaml.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd().Length + 1);
            var header = spec.AsSpan(0, Math.Max(0, before)).Count('\n');
            yamlLine = refusal.Line > header ? refusal.Line - header : null;
        }

        var where = refusal.Line is > 0 ? texts.Format("Order.Line", refusal.Line) + " " : "";
        var box = yamlLine is { } l ? texts.Format("Order.YamlLine", l) + " " : "";
        return Results.Json(new
        {
            valid = false,
            field = refusal.Field,
            line = refusal.Line,
            yamlLine,
            detail = Inert.Text(refusal.Detail),
            message = texts["Order.Refused"] + " " + where + box + (refusal.Field is { } f ? f + ": " : "") + Inert.Text(refusal.Detail),
        }, JsonSerializerOptions.Web);
    }
}
