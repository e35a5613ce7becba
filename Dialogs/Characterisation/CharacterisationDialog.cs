using Communaute.Dialogs.Intents;
using System.Globalization;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Engine;
using Communaute.Dialogs.Replies;
using NodaTime;

namespace Communaute.Dialogs.Characterisation;

/// <summary>
/// The self-assessment on the grid: introduction → key questions on the need and the answer (free text) →
/// one criterion per step (four descriptors and "je ne sais pas", optional note) → summary to confirm or correct.
/// </summary>
public sealed class CharacterisationDialog(ICharacterisationRepository repository, ProfileBuilder profiles) : DialogBase
{
    public const string DialogId = "caracterisation";
    public const string DontKnow = "nsp";
    public static readonly string[] LevelValues = ["inexistant", "faible", "intermediaire", "fort"];

    private static readonly Grid Grid = Grid.Current;
    private readonly IReadOnlyList<DialogStep> _steps = BuildSteps(Grid);

    public override string Id => DialogId;

    /// <summary>Follows the grid: a state written with another grid is not resumed.</summary>
    public override int Version => 1;

    public override string Title => "Caractériser mon projet";
    public override IReadOnlyList<string> StartCommands => ["caracteriser mon projet", "caracteriser", "caracterisation", "auto evaluation", "autoevaluation", "grille de caracterisation"];
    public override IReadOnlyList<DialogStep> Steps => _steps;
    public override string CancelledMessage => "La caractérisation est annulée ; vos réponses n'ont pas été gardées. Tapez « caractériser » pour la refaire quand vous voulez.";

    /// <summary>Twelve criteria and three open answers are too much to lose to one word.</summary>
    public override bool ConfirmsCancel => true;

    /// <summary>Questions the member asked the bot during the questionnaire, kept for the end (one per line).</summary>
    public const string AsidesKey = "apart:questions";
    private const int MaxAsides = 3;

    public override Task<Dictionary<string, string>> PrepareAsync(TurnContext context, CancellationToken cancellationToken) =>
        Task.FromResult(context.Turn.IsGroup ? new Dictionary<string, string> { ["group"] = "1" } : new Dictionary<string, string>());

    public static string CriterionKey(Criterion c) => "c:" + c.Id;
    public static string QuestionKey(KeyQuestion q) => "q:" + q.Id;

    public override async Task CompleteAsync(DialogState state, TurnContext context, CancellationToken cancellationToken)
    {
        var levels = new Dictionary<string, int>();
        var notes = new Dictionary<string, string>();
        var skipped = new HashSet<string>();
        foreach (var c in Grid.Criteria)
        {
            var answer = state.Get(CriterionKey(c));
            var index = Array.IndexOf(LevelValues, answer);
            if (index >= 0) levels[c.Id] = index;
            else if (answer is null) skipped.Add(c.Id);
            if (state.Get(DialogState.NoteKey(CriterionKey(c))) is { } note) notes[c.Id] = note;
        }
        var keyAnswers = Grid.KeyQuestions
            .Where(q => state.Get(QuestionKey(q)) is not null)
            .ToDictionary(q => q.Id, q => state.Get(QuestionKey(q))!);

        var previous = (await repository.ForMemberAsync(context.Member.Id, 1, cancellationToken)).FirstOrDefault();
        var result = new CharacterisationResult
        {
            MemberId = context.Member.Id,
            GridVersion = Grid.Version,
            StartedAt = Instant.FromUnixTimeMilliseconds(state.StartedAtUnixMs),
            CompletedAt = context.Now,
            KeyAnswers = keyAnswers,
            Levels = levels,
            Skipped = skipped,
            Notes = notes,
        };
        var id = await repository.AddAsync(result, cancellationToken);
        var chartId = await profiles.StoreChartAsync(context.Member.Id, result, previous, cancellationToken);
        await repository.SetChartAsync(id, chartId, cancellationToken);
        result = result with { Id = id, ChartMediaId = chartId };

        context.Say("Merci ! Votre caractérisation est enregistrée. Voici votre profil.");
        foreach (var reply in profiles.ResultCards(result, previous)) context.Send(reply);
        if (state.Get(AsidesKey) is { } asked)
        {
            var questions = asked.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            context.Send(new Reply
            {
                Text = questions.Length == 1
                    ? "Pendant le questionnaire, vous m'avez posé une question. Je vous réponds maintenant ?"
                    : "Pendant le questionnaire, vous m'avez posé des questions. Je vous réponds maintenant ?",
                SuggestedActions = questions.Select(q => new Choice(TextCut.AtWord(q, 80), q).Doing(new AskQuestion(q))).ToList(),
            });
        }
    }

    /// <summary>
    /// A question typed instead of an answer ("C'est quoi un AMI ?") is kept for after the questionnaire, and the
    /// step asked again: one sentence ending with "?" is a question, an answer that contains one is still an answer.
    /// </summary>
    private static string? KeepQuestion(DialogState state, string text)
    {
        var t = text.Trim();
        if (!t.EndsWith('?') || t.Length > 300 || t[..^1].IndexOfAny(['.', '!', '?', '\n']) >= 0 || !t.Trim('?', ' ').Contains(' ')) return null;
        var kept = (state.Get(AsidesKey) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!kept.Contains(t) && kept.Count < MaxAsides) kept.Add(t);
        state.Answers[AsidesKey] = string.Join("\n", kept);
        return "Vous posez une question ? Je la garde pour après le questionnaire, je vous la proposerai à la fin. "
               + "Si c'était votre réponse, renvoyez-la sans point d'interrogation.";
    }

    private static List<DialogStep> BuildSteps(Grid grid)
    {
        var steps = new List<DialogStep>
        {
            new()
            {
                Id = "intro",
                CanSkip = false,
                Prompt = state => new PromptSpec
                {
                    Kind = PromptKind.Choice,
                    Title = "Caractériser mon projet d'innovation sociale",
                    Sections =
                    [
                        .. state.Get("group") is null ? Array.Empty<CardSection>() :
                            [new CardSection("Attention", "Vous êtes dans une conversation partagée : les autres participants verront vos réponses. Pour les garder privées, écrivez-moi « caractériser » en message direct.")],
                        new CardSection("À quoi ça sert", $"Situer votre projet sur les {grid.Criteria.Count} critères de la grille de caractérisation de l'innovation sociale (Portage, Contenu, Contexte), repérer vos marges de progression et préparer votre pitch."),
                        new CardSection("Durée", "Environ 10 minutes : 3 questions ouvertes sur le besoin et votre réponse, puis un critère à la fois. Vous pouvez faire une pause et reprendre plus tard."),
                        new CardSection("Confidentialité", "Vos réponses restent privées : vous seul les voyez. Les animateurs ne voient que des statistiques anonymes (par groupes d'au moins 5), sauf si vous décidez de partager votre profil."),
                    ],
                    Question = "On commence ?",
                    Options = [new PromptOption("Commencer", "commencer") { Aliases = ["oui", "ok", "go", "c'est parti", "allons-y", "d'accord"] }],
                },
            },
        };
        foreach (var q in grid.KeyQuestions)
            steps.Add(new DialogStep
            {
                Id = QuestionKey(q),
                AnswerKey = QuestionKey(q),
                Aside = KeepQuestion,
                Prompt = _ => new PromptSpec
                {
                    Kind = PromptKind.Text,
                    Title = "Le besoin et votre réponse",
                    Question = q.Prompt,
                    Hint = "Répondez en quelques phrases (1000 caractères au plus), ou « passer ».",
                    MaxLength = 1000,
                },
            });
        var criteria = grid.Criteria;
        for (var i = 0; i < criteria.Count; i++)
        {
            var criterion = criteria[i];
            var position = i + 1;
            steps.Add(new DialogStep
            {
                Id = CriterionKey(criterion),
                AnswerKey = CriterionKey(criterion),
                Aside = KeepQuestion,
                Prompt = _ => new PromptSpec
                {
                    Kind = PromptKind.Choice,
                    Title = $"{grid.GroupOf(criterion)} — {criterion.Name}",
                    Progress = $"{position}/{criteria.Count}",
                    Question = "Quel niveau décrit le mieux votre projet aujourd'hui ?",
                    Options = grid.Levels.Select((level, l) => new PromptOption(level, LevelValues[l]) { Description = criterion.Levels[l] })
                        .Append(new PromptOption("Je ne sais pas", DontKnow) { Aliases = ["je sais pas", "sais pas", "ne sais pas", "nsp", "?"] })
                        .ToList(),
                    AllowsNote = true,
                    Hint = "Vous pouvez ajouter une note après le niveau, par exemple « faible : nous cherchons des partenaires ».",
                },
            });
        }
        steps.Add(new DialogStep
        {
            Id = "summary",
            CanSkip = false,
            Prompt = state => SummaryPrompt(grid, state),
            Next = (_, value) => value == "corriger" ? "correct" : DialogStep.End,
        });
        steps.Add(new DialogStep
        {
            Id = "correct",
            CanSkip = false,
            Prompt = _ => new PromptSpec
            {
                Kind = PromptKind.Choice,
                Title = "Corriger un critère",
                Question = "Quel critère voulez-vous corriger ?",
                Options = criteria.Select(c => new PromptOption(c.Name, c.Id)).ToList(),
            },
            Next = (state, value) =>
            {
                state.ReturnTo = "summary";
                return value is null ? "summary" : "c:" + value;
            },
        });
        return steps;
    }

    private static PromptSpec SummaryPrompt(Grid grid, DialogState state)
    {
        var sections = new List<CardSection>();
        foreach (var group in grid.Groups)
        {
            var lines = group.Criteria.Select(c =>
            {
                var answer = state.Get(CriterionKey(c));
                var index = Array.IndexOf(LevelValues, answer);
                var level = index >= 0 ? grid.Levels[index] : answer is null ? "passé" : "je ne sais pas";
                var note = state.Get(DialogState.NoteKey(CriterionKey(c)));
                return $"- {c.Name} : **{level}**" + (note is null ? "" : $" (note : {Short(note)})");
            });
            sections.Add(new CardSection(group.Name, string.Join("\n", lines)));
        }
        var answered = grid.KeyQuestions.Count(q => state.Get(QuestionKey(q)) is not null);
        sections.Add(new CardSection("Le besoin et votre réponse", string.Create(CultureInfo.InvariantCulture, $"{FrenchCount.Of(answered, "question ouverte renseignée", "questions ouvertes renseignées")} sur {grid.KeyQuestions.Count}.")));
        return new PromptSpec
        {
            Kind = PromptKind.Choice,
            Title = "Récapitulatif",
            Sections = sections,
            Question = "Ces réponses vous conviennent-elles ?",
            Options =
            [
                new PromptOption("Valider", "valider") { Aliases = ["oui", "ok", "confirmer", "c'est bon"] },
                new PromptOption("Corriger un critère", "corriger") { Aliases = ["corriger", "modifier", "non"] },
            ],
        };
    }

    private static string Short(string text) => TextCut.AtWord(text, 80);
}
