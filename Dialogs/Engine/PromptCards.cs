using Communaute.Dialogs.Replies;

namespace Communaute.Dialogs.Engine;

/// <summary>Turns a prompt into the neutral reply model: one card, with its own prompt id.</summary>
public static class PromptCards
{
    public static Reply Render(PromptSpec prompt, DialogStep step, DialogState state, bool canGoBack, string? lead = null)
    {
        var sections = new List<CardSection>();
        if (lead is not null) sections.Add(new CardSection(null, lead));
        sections.AddRange(prompt.Sections);
        var described = prompt.Options.Where(o => o.Description is not null).ToList();
        sections.AddRange(described.Select(o => new CardSection(o.Label, o.Description!)));
        sections.Add(new CardSection(prompt.Progress is null ? null : $"Question {prompt.Progress}", prompt.Question));
        if (prompt.Hint is not null) sections.Add(new CardSection(null, "_" + prompt.Hint + "_"));

        var choices = new List<Choice>();
        if (prompt.Irreversible)
            choices.AddRange(prompt.Options.OrderBy(o => o.Value == "oui").Select(o => Answer(o, o.Value == "oui" ? ChoiceStyle.Destructive : ChoiceStyle.Primary)));
        else
            choices.AddRange(prompt.Options.Select((o, i) => Answer(o, prompt.Kind == PromptKind.Confirm && i == 0 ? ChoiceStyle.Primary : ChoiceStyle.Default)));
        if (canGoBack) choices.Add(new Choice("← Retour", "retour").Doing(new GoBackInDialog()));
        if (step.CanSkip) choices.Add(new Choice("Passer", "passer").Doing(new SkipQuestion()));
        if (!prompt.Irreversible) choices.Add(new Choice("Pause", "pause").Doing(new PauseDialog()));

        Choice Answer(PromptOption o, ChoiceStyle style) => new Choice(o.Label, o.Value, style).Doing(new AnswerStep(state.DialogId, step.Id, o.Value));

        return Reply.Show(new Card
        {
            Title = prompt.Title,
            Sections = sections,
            Choices = choices,
            PromptId = state.PromptId,
        });
    }
}
