using System.Globalization;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Engine;
using Communaute.Dialogs.Replies;

namespace Communaute.Dialogs.Characterisation;

/// <summary>
/// The workshop's pitch exercise in three parts — a) mon projet en 2 mots; b) mon innovation sociale : le besoin
/// et ma réponse; c) mes axes d'amélioration et mes questions — prefilled from the latest characterisation,
/// assembled into a pitch of 3 minutes at most.
/// </summary>
public sealed class PitchDialog(ICharacterisationRepository repository) : DialogBase
{
    public const string DialogId = "pitch";

    /// <summary>Speaking pace used for the duration estimate (words per minute).</summary>
    public const int WordsPerMinute = 130;

    private const string Keep = "garder";

    /// <summary>Under the assembled pitch; its label typed starts the pitch again too.</summary>
    private static readonly Choice Redo = new Choice("Refaire le pitch", "préparer mon pitch").Doing(new StartDialog(DialogId));
    private static readonly Grid Grid = Grid.Current;

    public override string Id => DialogId;
    public override int Version => 1;
    public override string Title => "Préparer mon pitch";
    public override IReadOnlyList<string> StartCommands => ["preparer mon pitch", "pitch", "mon pitch", "preparer un pitch", Redo.Label];
    public override string CancelledMessage => "La préparation du pitch est annulée. Tapez « préparer mon pitch » pour la reprendre.";

    public override IReadOnlyList<DialogStep> Steps { get; } =
    [
        Part("a", "a) Mon projet en 2 mots", "Présentez votre projet en deux phrases : qui le porte, ce qu'il fait, où.", null),
        Part("b", "b) Mon innovation sociale", "À quel besoin répondez-vous, et quelle est votre réponse ?", "prefill:b"),
        Part("c", "c) Mes axes d'amélioration et mes questions", "Quels axes d'amélioration voyez-vous pour booster votre innovation sociale, et quelles questions voulez-vous poser ?", "prefill:c"),
    ];

    public override async Task<Dictionary<string, string>> PrepareAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var answers = new Dictionary<string, string>();
        var latest = (await repository.ForMemberAsync(context.Member.Id, 1, cancellationToken)).FirstOrDefault();
        if (latest is null) return answers;
        answers["result"] = latest.Id.ToString(CultureInfo.InvariantCulture);
        var need = latest.KeyAnswers.GetValueOrDefault("besoin");
        var answer = latest.KeyAnswers.GetValueOrDefault("reponse");
        var change = latest.KeyAnswers.GetValueOrDefault("changement");
        var b = string.Join(" ", new[] { need is null ? null : "Le besoin : " + need, answer is null ? null : "Notre réponse : " + answer, change is null ? null : "Le changement attendu : " + change }.Where(s => s is not null));
        if (b.Length > 0) answers["prefill:b"] = b;
        if (SpokenImprovements(Targets.For(Grid, latest.Levels), Targets.Unknown(Grid, latest.Levels)) is { Length: > 0 } c)
            answers["prefill:c"] = c;
        return answers;
    }

    /// <summary>
    /// Part c as a holder would say it to an audience: what they want to strengthen and what they ask, in a few
    /// sentences — not the grid's descriptors, which are written to assess, not to be spoken.
    /// </summary>
    public static string SpokenImprovements(IReadOnlyList<Target> targets, IReadOnlyList<Criterion> unknown)
    {
        var sentences = new List<string>();
        if (targets.Count > 0)
            sentences.Add($"Pour la suite, nous voulons renforcer {Enumerate(targets.Select(t => Spoken(t.Criterion)))}.");
        if (unknown.Count > 0)
            sentences.Add($"Et nous avons une question : comment mieux mesurer {Enumerate(unknown.Take(3).Select(Spoken))} ?");
        if (sentences.Count > 0)
            sentences.Add("Vos conseils, vos expériences et vos contacts sur ces points nous aideraient beaucoup.");
        return string.Join(" ", sentences);
    }

    private static string Spoken(Criterion c) => string.IsNullOrWhiteSpace(c.Spoken) ? Lower(c.Name) : c.Spoken;

    private static string Enumerate(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " et " + list[^1];
    }

    public override async Task CompleteAsync(DialogState state, TurnContext context, CancellationToken cancellationToken)
    {
        var pitch = Assemble(Part(state, "a"), Part(state, "b"), Part(state, "c"));
        if (pitch.Length == 0)
        {
            context.Say("Vous avez passé les trois parties : il n'y a pas encore de pitch à assembler. Tapez « préparer mon pitch » pour recommencer.");
            return;
        }
        if (long.TryParse(state.Get("result"), NumberStyles.None, CultureInfo.InvariantCulture, out var resultId))
            await repository.SetPitchAsync(resultId, pitch, cancellationToken);
        var seconds = EstimatedSeconds(pitch);
        var timing = seconds <= 180
            ? $"Environ {Duration(seconds)} à l'oral : dans les 3 minutes."
            : $"Environ {Duration(seconds)} à l'oral : c'est plus que les 3 minutes prévues, resserrez un peu.";
        context.Send(Reply.Show(new Card
        {
            Title = "Votre pitch (3 minutes)",
            Subtitle = timing,
            Sections = [new CardSection(null, pitch)],
            Choices = [ProfileActions.Export, Redo],
        }));
    }

    public static string Assemble(string? a, string? b, string? c)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(a)) parts.Add("**Mon projet en 2 mots.** " + a.Trim());
        if (!string.IsNullOrWhiteSpace(b)) parts.Add("**Mon innovation sociale.** " + b.Trim());
        if (!string.IsNullOrWhiteSpace(c)) parts.Add("**Mes axes d'amélioration et mes questions.** " + c.Trim());
        return string.Join("\n\n", parts);
    }

    public static int EstimatedSeconds(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return (int)Math.Ceiling(words * 60.0 / WordsPerMinute);
    }

    private static string Duration(int seconds) =>
        seconds < 60 ? $"{seconds} s" : $"{seconds / 60} min {seconds % 60:00} s";

    private static string? Part(DialogState state, string part)
    {
        var value = state.Get("pitch:" + part);
        return value == Keep ? state.Get("prefill:" + part) : value;
    }

    private static DialogStep Part(string part, string title, string question, string? prefillKey) => new()
    {
        Id = "pitch:" + part,
        AnswerKey = "pitch:" + part,
        Prompt = state =>
        {
            var prefill = prefillKey is null ? null : state.Get(prefillKey);
            return new PromptSpec
            {
                Kind = PromptKind.Text,
                Title = "Préparer mon pitch — " + title,
                Progress = $"{"abc".IndexOf(part, StringComparison.Ordinal) + 1}/3",
                Sections = prefill is null ? [] : [new CardSection("Proposition tirée de votre caractérisation", prefill)],
                Question = question,
                Hint = prefill is null ? "Écrivez votre texte, ou « passer »." : "Écrivez votre texte, ou gardez la proposition.",
                Options = prefill is null ? [] : [new PromptOption("Garder la proposition", Keep) { Aliases = ["garder la proposition", "ok", "oui"] }],
                MaxLength = 1200,
            };
        },
    };

    private static string Lower(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];
}
