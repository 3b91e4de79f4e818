using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Suanwang.Cli.Interaction;
using Suanwang.Core.Accelerators;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang catalog</c>: the accelerator catalog with each model's P per card.</summary>
internal static class CatalogCommand
{
    private static readonly string[] s_columns = ["id", "vendor", "memory GiB", "FP16 TFLOPS", "P per card", "TDP W"];

    public static Command Create(ConsoleInteraction console)
    {
        var format = FormatOption.Create();
        var command = new Command("catalog", "List the accelerator catalog and the standard unit P per card") { format };
        command.SetAction(parse =>
        {
            var models = AcceleratorCatalog.Default.Models;
            if (FormatOption.Parse(parse.GetValue(format)) == OutputFormat.Json)
            {
                var rows = models.Select(m => new Dictionary<string, object>
                {
                    ["id"] = m.Id, ["vendor"] = m.Vendor, ["name"] = m.Name, ["memory_gib"] = m.MemoryGiB,
                    ["fp16_tflops"] = m.Fp16Tflops, ["p_per_card"] = m.Pflops, ["tdp_watts"] = m.TdpWatts, ["source"] = m.Source,
                });
                console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["accelerators"] = rows }));
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded);
            foreach (var column in s_columns)
            {
                table.AddColumn(column);
            }

            foreach (var m in models)
            {
                table.AddRow(
                    TerminalText.Markup(m.Id),
                    TerminalText.Markup(m.Vendor),
                    m.MemoryGiB.ToString("0.#", CultureInfo.InvariantCulture),
                    m.Fp16Tflops.ToString("0.#", CultureInfo.InvariantCulture),
                    m.Pflops.ToString("0.000", CultureInfo.InvariantCulture),
                    m.TdpWatts.ToString("0", CultureInfo.InvariantCulture));
            }

            console.Out.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
