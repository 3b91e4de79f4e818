namespace Suanwang.Portal.Charts;

/// <summary>One bar of a <see cref="BarChart"/>.</summary>
/// <param name="Label">What the bar stands for (a day, a site, a model), as shown.</param>
/// <param name="Value">Its height.</param>
/// <param name="Text">Its value as shown, formatted in the page's language.</param>
public sealed record ChartBar(string Label, double Value, string Text);
