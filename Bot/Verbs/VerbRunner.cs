namespace Communaute.Bot.Verbs;

/// <summary>The command-line verbs of the bot: `dotnet run --project Bot -- VERB …`.</summary>
public static class VerbRunner
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ask"] = AskVerb.RunAsync,
        ["eval"] = EvalVerb.RunAsync,
        ["chat"] = ChatVerb.RunAsync,
        ["ingest"] = IngestVerb.RunAsync,
        ["manifest"] = ManifestVerb.RunAsync,
        ["backup"] = BackupVerb.RunAsync,
        ["help"] = _ => Task.FromResult(Usage()),
        ["--help"] = _ => Task.FromResult(Usage()),
    };

    public static bool IsVerb(string word) => Verbs.ContainsKey(word);

    public static Task<int> RunAsync(string[] args) => Verbs[args[0]](args[1..]);

    private static int Usage()
    {
        Console.WriteLine("""
            Communauté bot — usage :
              dotnet run --project Bot                       le bot : http://localhost:3978 (page de discussion, /api/messages, /slack/…)
              dotnet run --project Bot -- chat               discuter dans le terminal
              dotnet run --project Bot -- ask "question"     une réponse ; --json pour le format JSON
              dotnet run --project Bot -- ask --json         une question par ligne sur l'entrée standard, un JSON par ligne en sortie
              dotnet run --project Bot -- eval FICHIER       note un jeu de questions (format de shared/eval)
              dotnet run --project Bench -c Release          mesures : latence, tours/s, démarrage, mémoire (projet Bench)
              dotnet run --project Bot -- ingest SEEDS DEST [--force]   premier découpage des documents sources en fiches
              dotnet run --project Bot -- manifest teams     paquet d'application Teams (manifest/build/communaute-teams.zip)
              dotnet run --project Bot -- backup FICHIER     copie cohérente de la base SQLite, bot en marche (PostgreSQL : pg_dump)
            """);
        return 0;
    }
}
