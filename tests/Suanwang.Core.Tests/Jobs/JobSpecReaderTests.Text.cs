using Suanwang.Core.Errors;
using Suanwang.Core.Schemas;

namespace Suanwang.Core.Tests.Jobs;

// Names and commands are stored, printed and executed later: each limit is an error at admission, naming the line.
public sealed partial class JobSpecReaderTests
{
    private static string Spec(string name = "j", string run = "run: echo hi") => $"""
        name: {name}
        tenant: t
        {run}
        resources: {"{"}{"}"}
        estimated_runtime: 1h
        """;

    [Theory]
    [InlineData("\"a\\e[2Jb\"", "\\e")]
    [InlineData("\"a\\0b\"", "\\0")]
    [InlineData("\"a\\rb\"", "\\r")]
    [InlineData("\"a\\nerror: fake\"", "\\n")]
    [InlineData("\"a\\tb\"", "\\t")]
    [InlineData("\"a\\u202Eb\"", "\\u202E")]
    [InlineData("\"a\\u2066b\"", "\\u2066")]
    [InlineData("\"a\\u2069b\"", "\\u2069")]
    public void Parse_NameWithControlOrBidiCharacter_NamesLineAndFieldAndTheCharacter(string name, string shown)
    {
        var error = ErrorOf(Spec(name));

        TestYaml.AssertError(error, Source, 1, "name", $"the name holds the control or bidirectional character {shown} at position 2");
    }

    [Fact]
    public void Parse_NameOfTheLimit_IsRead_AndOneMore_IsAnError()
    {
        Assert.Equal(PlainText.MaxNameLength, Parse(Spec(new string('n', PlainText.MaxNameLength))).Name.Length);

        var error = ErrorOf(Spec(new string('n', PlainText.MaxNameLength + 1)));

        TestYaml.AssertError(error, Source, 1, "name", "the name is 257 characters long; the most is 256");
    }

    [Fact]
    public void Parse_RunOf64KiB_IsRead_AndOneByteMore_IsAnError()
    {
        var prefix = "run: ";
        Assert.Equal(PlainText.MaxCommandBytes, Parse(Spec(run: prefix + new string('x', PlainText.MaxCommandBytes))).Run!.Length);

        var error = ErrorOf(Spec(run: prefix + new string('x', PlainText.MaxCommandBytes - 1) + "é"));

        Assert.Equal((3, "run"), (error.Line, error.Field));
        Assert.StartsWith("the command is 65537 bytes long; the most is 65536", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RunOfSeveralLinesWithTabs_IsRead_ButEscapeOrCarriageReturn_IsAnError()
    {
        Assert.Equal("echo one\n\techo two\n", Parse(Spec(run: "run: |\n  echo one\n  \techo two")).Run);

        var escape = ErrorOf(Spec(run: "run: \"printf '\\e[2J'\""));
        var carriage = ErrorOf(Spec(run: "run: \"echo a\\r\""));

        Assert.Equal(("run", 3), (escape.Field, escape.Line));
        Assert.Contains("\\e at position 9", escape.Message, StringComparison.Ordinal);
        Assert.Contains("\\r", carriage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SecondYamlDocument_IsAnErrorAtItsLine()
    {
        var error = ErrorOf(Spec() + "\n---\n" + Spec("second"));

        Assert.Equal((Source, 7, ""), (error.Source, error.Line, error.Field));
        Assert.Contains("more than one YAML document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OneDocumentWithMarkers_IsRead()
    {
        Assert.Equal("j", Parse("---\n" + Spec() + "\n...\n").Name);
    }
}
