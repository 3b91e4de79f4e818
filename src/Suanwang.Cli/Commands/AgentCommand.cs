using System.CommandLine;
using Suanwang.Agent;
using Suanwang.Agent.Models;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Networks;
using Suanwang.Cli.Client;
using Suanwang.Cli.Interaction;
using Suanwang.Client;
using Suanwang.Core.Errors;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang agent</c>: runs a site's agent against a server until Ctrl-C.</summary>
internal static class AgentCommand
{
    public static Command Create(ConsoleInteraction console)
    {
        var server = new Option<string?>("--server") { Description = $"Server URL (else ${ClientSettings.ServerVariable}, else client.json in the data folder)" };
        var site = new Option<string>("--site") { Description = "The site, one site in the network file's site format (YAML)", Required = true };
        var backend = new Option<string>("--backend") { Description = "Where jobs run: local or slurm", DefaultValueFactory = _ => "local" };
        var apiKey = new Option<string?>("--api-key") { Description = $"The site's agent key, issued by an admin with 'suanwang key create --site ID' (else ${ClientSettings.ApiKeyVariable}, else client.json in the data folder)" };
        var work = new Option<string?>("--work") { Description = "Work folder: the journal and one folder per job (default ./suanwang-agent)" };
        var data = new Option<string?>("--data") { Description = "Data folder of 'suanwang up' whose client.json to read (default ~/.suanwang)" };
        var gres = new Option<string?>("--slurm-gres") { Description = "Slurm backend: the generic resource the cards are (default gpu; 'none' for CPU slots)", DefaultValueFactory = _ => "gpu" };
        var partition = new Option<string?>("--slurm-partition") { Description = "Slurm backend: the partition to submit to" };
        var command = new Command("agent", "Run a site's agent: register, heartbeat, run the jobs the server assigns") { server, site, backend, apiKey, work, data, gres, partition };
        var models = ServeModelOptions.AddTo(command);
        var sandbox = new SandboxCliOptions();
        foreach (var option in sandbox.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var backendName = parse.GetValue(backend)!.ToLowerInvariant();
            if (backendName is not ("local" or "slurm"))
            {
                throw new InputException("--backend", 0, "--backend", $"'{backendName}' is not one of local, slurm");
            }

            var sitePath = parse.GetValue(site)!;
            string siteYaml;
            try
            {
                siteYaml = await File.ReadAllTextAsync(sitePath, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputException(sitePath, 0, "", $"cannot read the site file: {e.Message}");
            }

            var settings = await ClientSettings.ResolveAsync(parse.GetValue(server), parse.GetValue(apiKey), parse.GetValue(data), Environment.GetEnvironmentVariable, cancellationToken).ConfigureAwait(false);
            var gresName = parse.GetValue(gres);
            var options = new AgentOptions
            {
                ServerUrl = settings.Server.AbsoluteUri,
                ApiKey = settings.ApiKey,
                SiteYaml = siteYaml,
                Backend = backendName,
                WorkFolder = Path.GetFullPath(parse.GetValue(work) ?? "suanwang-agent"),
                SlurmGres = gresName is null or "none" ? null : gresName,
                SlurmPartition = parse.GetValue(partition),
                Sandbox = sandbox.Read(parse),
                Log = console.Note,
            };
            console.Note($"agent for {sitePath} on the {backendName} backend, work folder {options.WorkFolder}; Ctrl-C stops (jobs keep running)");
            await using var served = await models.StartAsync(parse, console, cancellationToken).ConfigureAwait(false);
            var (siteId, currency) = SiteOf(siteYaml, sitePath);
            var published = models.Published(parse, served, currency);
            using var stopPublishing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var api = new ApiClient(settings.Server, settings.ApiKey, TimeSpan.FromSeconds(10));
            using var publisher = new ModelPublisher(api, siteId, published, console.Note, TimeSpan.FromSeconds(5));
            var publishing = published.Count > 0 ? publisher.RunAsync(stopPublishing.Token) : Task.CompletedTask;
            try
            {
                await AgentHost.RunAsync(options, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException e)
            {
                // The agent gives up only on a refused registration or key; an unreachable server it waits out.
                console.Error($"the server refused the agent: {e.Message}");
                return e.IsUserError ? ExitCodes.InvalidInput : ExitCodes.Failure;
            }

            finally
            {
                await stopPublishing.CancelAsync().ConfigureAwait(false);
                await publishing.ConfigureAwait(false);
            }

            console.Note("stopped; running jobs go on and are taken up on the next start");
            return ExitCodes.Success;
        });
        return command;
    }

    // The site's id and the currency its pools are priced in (the token prices' currency too).
    private static (string Id, string Currency) SiteOf(string yaml, string path)
    {
        var site = NetworkReader.ParseSite(yaml, path, AcceleratorCatalog.Default);
        return (site.Id, site.Pools.Count > 0 ? site.Pools[0].Currency : "CNY");
    }
}
