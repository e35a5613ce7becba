using System.Globalization;
using Communaute.Bot.ExperienceDirectory;
using Communaute.Bot.ExperienceDirectory.Rules;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Ratings;

/// <summary>
/// A click on « Utile » / « Pas utile » (a typed intent, run before any running dialog: it names its answer), the
/// « Passer » of « Qu'est-ce qui manquait ? », and the member's next message as that comment when it is awaited.
/// A « pas utile » also offers the peers whose experience cards match the question (<see cref="PeerOffer"/>).
/// </summary>
public sealed class RatingFeature(AnswerRatings ratings, PeerOffer peers) : ITurnFeature, IIntentHandler, IIntentObserver
{
    public int Order => 5;

    /// <summary>"1 000", with a plain space so that every channel shows it the same.</summary>
    private static readonly string Limit = AnswerRating.MaxComment.ToString("N0", CultureInfo.GetCultureInfo("fr-FR")).Replace('\u202F', ' ').Replace('\u00A0', ' ');

    private const string Noted = "C'est noté, merci !";

    public IReadOnlyCollection<Type> Intents => RatingIntents.All;

    public async Task<bool> HandleAsync(object intent, TurnContext context, CancellationToken cancellationToken)
    {
        context.Privately();
        switch (intent)
        {
            case RateAnswer rate:
                await RateAsync(context, rate, cancellationToken);
                break;
            case SkipComment skip:
                await SkipAsync(context, skip, cancellationToken);
                break;
        }
        return true;
    }

    private async Task SkipAsync(TurnContext context, SkipComment skip, CancellationToken ct)
    {
        if (await ratings.FindAsync(skip.RatingId, context.Member.Id, ct) is { CommentState: CommentState.Asked } asked)
            await ratings.SkipAsync(asked, ct);
        context.Say(Noted);
    }

    /// <summary>The member's next message as the comment asked for by « Qu'est-ce qui manquait ? », when it is awaited.</summary>
    public async Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var awaiting = await ratings.AwaitingCommentAsync(context, cancellationToken);
        if (awaiting is null) return false;
        context.Privately();
        // « voir qui » (the peer offer's button, plain text on every channel) or any question to the directory is a search, not the comment.
        if (context.Turn.IsClick || context.Text.Length == 0 || DirectoryQuestion.Read(context.Text) is not null)
        {
            // Another button: the member moved on, the question is left unanswered.
            await ratings.SkipAsync(awaiting, cancellationToken);
            return false;
        }
        if (RatingIntents.IsSkip(context.Text))
        {
            await ratings.SkipAsync(awaiting, cancellationToken);
            context.Say(Noted);
            return true;
        }
        var cut = await ratings.CommentAsync(awaiting, context.Text, cancellationToken) || context.TextWasTruncated;
        // One clear word on the length: the comment's limit, not also the message's (longer) one said by the pipeline.
        if (cut) context.Replies.RemoveAll(r => r.Card is null && r.Text?.StartsWith("Votre message était très long", StringComparison.Ordinal) == true);
        context.Say((cut ? $"Votre commentaire dépassait la limite de {Limit} caractères : j'en ai gardé les {Limit} premiers. " : "")
                    + "Merci, c'est transmis aux curateurs avec votre question et la réponse donnée.");
        return true;
    }

    /// <summary>Another button: the member moved on, the question « Qu'est-ce qui manquait ? » is left unanswered.</summary>
    public async Task OtherIntentAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (await ratings.AwaitingCommentAsync(context, cancellationToken) is { } awaiting) await ratings.SkipAsync(awaiting, cancellationToken);
    }

    /// <summary>Records the rating and acknowledges it; a « pas utile » asks what was missing.</summary>
    public async Task RateAsync(TurnContext context, RateAnswer rate, CancellationToken ct)
    {
        var (outcome, rating) = await ratings.RateAsync(rate, context, ct);
        switch (outcome)
        {
            case RateOutcome.UnknownAnswer:
                context.Say("Je ne retrouve pas cette réponse (elle a peut-être été effacée). Merci quand même !");
                break;
            case RateOutcome.AlreadyRated:
                context.Say("Merci ! Votre avis sur cette réponse est déjà noté : il compte une fois.");
                break;
            case RateOutcome.Recorded when rate.Useful:
                context.Say("Merci ! Votre avis aide les curateurs à savoir quelles fiches servent.");
                break;
            default:
                context.Send(Reply.Show(new Card
                {
                    Sections =
                    [
                        new CardSection(null, "Merci ! Votre question et la réponse donnée sont transmises aux curateurs."),
                        new CardSection(null, $"Qu'est-ce qui manquait ? Écrivez-le dans votre prochain message ({Limit} caractères au plus), ou « passer »."),
                    ],
                    Choices = [RatingIntents.SkipButton(rating!.Id)],
                }));
                if (await ratings.QuestionAsync(rating.AnswerId, ct) is { Length: > 0 } question) await peers.OfferAsync(question, context, ct);
                break;
        }
    }
}
