using System.Globalization;

namespace Suanwang.Portal.Pages;

/// <summary>The <c>page</c> query parameter of a paged view, read from the query itself ("page" is also the route value naming a Razor page).</summary>
public static class PageQuery
{
    /// <summary>Most digits a page number may have.</summary>
    public const int MaxDigits = 6;

    /// <summary>Reads the page (1 when absent); returns the field and the reason when it is not a whole number from 1.</summary>
    public static (string Field, string Message)? Read(HttpRequest request, out int page)
    {
        ArgumentNullException.ThrowIfNull(request);
        page = 1;
        var text = request.Query["page"].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        if (text.Length > MaxDigits || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1)
        {
            page = 1;
            return ("page", $"the page must be a whole number from 1, of at most {MaxDigits} digits");
        }

        return null;
    }
}
