using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Suanwang.Core.Law;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Tests.Law;

/// <summary>
/// The engine against the same rules written as a Cedar policy set (Law/Cedar/law.cedar), evaluated
/// by the npm package @cedar-policy/cedar-wasm under node on 10,000 generated requests: every
/// decision must match. scripts/cedar.sh installs the package into a cache folder outside the repository.
/// </summary>
public sealed class CedarDifferentialTests
{
    private const int Requests = 10_000;
    private static readonly string[] s_countries = ["CN", "CN", "KZ", "RU", "SA", "DE", "FR", "NO", "US", "JP", "GB", "IN", "SG", "AE", "MN", "CH", "XX"];
    private static readonly string[] s_subjects = ["CN", "RU", "KZ", "FR", "SA"];
    private static readonly long[] s_individuals = [0, 0, 0, 1, 50, 99_999, 100_000, 999_999, 1_000_000, 2_000_000];
    private static readonly long[] s_sensitive = [0, 0, 0, 1, 9_999, 10_000];
    private static readonly long[] s_yearIndividuals = [0, 0, 1, 99_998, 99_999, 999_998, 999_999];
    private static readonly long[] s_yearSensitive = [0, 0, 0, 1, 9_998, 9_999];

    [Fact]
    public async Task Every_decision_matches_cedar()
    {
        var random = new Random(20261207);
        var facts = Enumerable.Range(0, Requests).Select(_ => Generate(random)).ToList();
        var folder = Directory.CreateTempSubdirectory("suanwang-cedar-");
        try
        {
            var requests = Path.Combine(folder.FullName, "requests.jsonl");
            await File.WriteAllLinesAsync(requests, facts.Select(Context));
            var answers = await Cedar(requests);
            Assert.Equal(Requests, answers.Count);
            var mismatches = new List<string>();
            var allowed = 0;
            for (var i = 0; i < Requests; i++)
            {
                var verdict = LawFixture.Engine.Decide(facts[i]);
                allowed += verdict.Allowed ? 1 : 0;
                if ((verdict.Allowed ? "allow" : "deny") != answers[i])
                {
                    mismatches.Add($"#{i}: engine {verdict.Explanation}; cedar {answers[i]}; {Context(facts[i])}");
                }
            }

            Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {Requests} differ:\n{string.Join("\n", mismatches.Take(10))}");

            // Both outcomes are well represented, so the match says something.
            Assert.InRange(allowed, Requests / 10, Requests - (Requests / 10));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static PolicyFacts Generate(Random r)
    {
        T Pick<T>(T[] items) => items[r.Next(items.Length)];
        FilingState Filing() => r.Next(10) switch { < 6 => FilingState.None, < 9 => FilingState.Valid, _ => FilingState.Expired };
        var subjects = CountryMask.None;
        foreach (var s in s_subjects)
        {
            if (r.Next(10) == 0)
            {
                subjects = subjects.With(CountryCodes.IndexOf(s));
            }
        }

        return new PolicyFacts
        {
            Kind = (DecisionKind)r.Next(3),
            Tenant = "acme",
            Origin = CountryCodes.IndexOf(Pick(s_countries)),
            Destination = CountryCodes.IndexOf(Pick(s_countries)),
            Subjects = subjects,
            Classification = r.Next(20) switch { 0 => Classification.Unclassified, < 13 => Classification.General, < 18 => Classification.Important, _ => Classification.Core },
            AuthorityReference = r.Next(2) == 0,
            Ciio = r.Next(7) == 0,
            Individuals = Pick(s_individuals),
            Sensitive = Pick(s_sensitive),
            YearIndividuals = r.Next(50) == 0 ? -1 : Pick(s_yearIndividuals),
            YearSensitive = r.Next(50) == 0 ? -1 : Pick(s_yearSensitive),
            Exemption = r.Next(10) < 7 ? Exemption.None : (Exemption)r.Next(1, 6),
            OneOff = r.Next(2) == 0,
            ManualApproval = r.Next(2) == 0,
            KeepsCopy = r.Next(2) == 0,
            UsagePermits = r.Next(20) != 0,
            Declared = r.Next(10) == 0,
            SecurityAssessment = Filing(),
            StandardContract = Filing(),
            Certification = Filing(),
            Scc = Filing(),
            Bcr = Filing(),
            RuNotice = r.Next(3) == 0 ? FilingState.None : FilingState.Valid,
            RuNoticeWorkingDays = r.Next(-1, 16),
            RuBan = r.Next(10) == 0,
            Consent = r.Next(2) == 0,
            SaPurpose = r.Next(3) != 0,
            Today = LawFixture.Today,
        };
    }

    private static string Context(PolicyFacts f)
    {
        static string Symbol(Enum value) => FactSchema.SnakeCase(value.ToString());
        static string Country(int index) => index < 0 ? "XX" : CountryCodes.CodeAt(index);
        var context = new Dictionary<string, object>
        {
            ["origin"] = Country(f.Origin),
            ["destination"] = Country(f.Destination),
            ["subjects"] = f.Subjects.Codes().ToArray(),
            ["classification"] = Symbol(f.Classification),
            ["authority_reference"] = f.AuthorityReference,
            ["ciio"] = f.Ciio,
            ["individuals"] = f.Individuals,
            ["sensitive"] = f.Sensitive,
            ["individuals_year"] = f.IndividualsYear,
            ["sensitive_year"] = f.SensitiveYear,
            ["exemption"] = Symbol(f.Exemption),
            ["kind"] = Symbol(f.Kind),
            ["one_off"] = f.OneOff,
            ["manual_approval"] = f.ManualApproval,
            ["keeps_copy"] = f.KeepsCopy,
            ["usage_permits"] = f.UsagePermits,
            ["declared"] = f.Declared,
            ["security_assessment"] = Symbol(f.SecurityAssessment),
            ["standard_contract"] = Symbol(f.StandardContract),
            ["certification"] = Symbol(f.Certification),
            ["scc"] = Symbol(f.Scc),
            ["bcr"] = Symbol(f.Bcr),
            ["ru_notice"] = Symbol(f.RuNotice),
            ["ru_notice_working_days"] = f.RuNoticeWorkingDays,
            ["ru_ban"] = f.RuBan,
            ["consent"] = f.Consent,
            ["sa_purpose"] = f.SaPurpose,
        };
        return JsonSerializer.Serialize(context);
    }

    private static async Task<List<string>> Cedar(string requests)
    {
        var dir = (await Run("bash", Path.Combine(RepositoryRoot(), "scripts", "cedar.sh"))).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim();
        var cedarFolder = Path.Combine(AppContext.BaseDirectory, "Law", "Cedar");
        var output = await Run("node", Path.Combine(cedarFolder, "run.cjs"), dir, Path.Combine(cedarFolder, "law.cedar"), requests);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static async Task<string> Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        // Installing node and the package on a fresh machine takes a few minutes.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        var text = await stdout;
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await stderr}");
        return text;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Suanwang.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Suanwang.slnx above {AppContext.BaseDirectory}");
    }
}
