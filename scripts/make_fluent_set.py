"""Make a fluent-speech set: whole interview answers read by espeak-ng, with their exact text.

With faster-whisper tiny.en and the verbatim prompt, fluent answers of 29-48 s sometimes came
back with their first 20-30 s of words missing (shared notes, "The verbatim prompt can drop
whole windows"). Finding that needs long, fluent answers whose every word is known: this set
(benchmarks/fluent_speech.py measures words lost per transcription setting on it).

Each answer is read whole by one espeak-ng voice at one speed, stored at 16 kHz and as an 8 kHz
telephone-band copy. Most answers are fluent; a few carry written fillers ("um", "uh", "you
know", "like") so the benchmark can also count what the prompt keeps. `manifest.json` lists each
clip with its reference text, voice, speed, rate, duration and whether it has fillers.

    .venv/bin/python scripts/make_fluent_set.py [--tuning] [OUT_DIR]   # default: a new temporary folder

`--tuning` builds a separate set (other texts, voices and speeds) for choosing thresholds, so the
reported set is never tuned on.

Deterministic for a given espeak-ng and sox version (sox runs with -D: no random dither).
"""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import soundfile as sf

MANIFEST = "manifest.json"
RATES = (16000, 8000)  # microphone quality, then telephone band
MIN_DURATION_S, MAX_DURATION_S = 25.0, 90.0
FILLER_WORDS = ("um", "uh")


@dataclass(frozen=True)
class Answer:
    """One answer: a short name for file names, the text espeak-ng reads, who reads it, how fast."""

    name: str
    text: str
    voice: str
    speed: int


# Voices checked with `espeak-ng --voices`; "en+f2" gives a female voice where "en-gb+f2" would
# silently ignore the +f2. Speeds are espeak-ng's words per minute (-s).
ANSWERS = [
    Answer(
        "about-me-backend",
        (
            "I am a backend engineer with about six years of experience, mostly in payments and billing. "
            "I started at a small agency building websites for local shops, which taught me to talk to "
            "customers and to ship quickly. After that I joined a fintech company, where I worked on the "
            "service that charges cards and sends invoices. Over time I became the person who owned its "
            "reliability: I set up our alerts, wrote the runbooks and led the move to a new database. "
            "Last year I started mentoring two junior engineers, and I found that I really enjoy helping "
            "people grow. I am looking for a role where I can keep building dependable systems, and where "
            "I can take on more of the technical leadership for a team. Outside of work, I contribute to "
            "an open source library for parsing bank statements, which started as a weekend project and "
            "now has a few hundred users. Maintaining it has taught me a lot about writing clear "
            "documentation and about saying no to features politely. I also run a small study group at my "
            "company where we read one chapter of a systems book every two weeks and discuss it over "
            "lunch. What I would bring to your team is a habit of making systems boring in the best "
            "sense: predictable, well monitored and easy for the next person to understand. I care about "
            "the people who get paged at night, and I design with them in mind."
        ),
        "en-us",
        160,
    ),
    Answer(
        "star-migration",
        (
            "Last spring our team was asked to move the billing system to a new database without any "
            "downtime. I was responsible for the migration plan and for keeping customers unaffected. "
            "First I mapped every query the service made, and I wrote a shadow reader that compared the "
            "results from both databases. Then we ran the two side by side for two weeks and fixed each "
            "mismatch the reader found. I also wrote a rollback script and rehearsed it twice with the "
            "engineers on call. When we finally switched over, nobody noticed, and the nightly billing "
            "job became 40 percent faster. The shadow reader is now our standard tool for every migration, "
            "and two other teams use it as well. Looking back, I would involve the finance team earlier, "
            "because they knew the unusual cases best."
        ),
        "en+m3",
        170,
    ),
    Answer(
        "star-conflict",
        (
            "In my previous job two senior developers disagreed about how we should design a new search "
            "feature. One wanted to build it on our existing database, and the other wanted a separate "
            "search engine. The argument had gone on for three weeks and the project was stuck. As the "
            "team lead, my task was to get us to a decision that both of them could support. I asked each "
            "of them to write one page describing their option, with the costs and the risks. Then we met "
            "together and scored both options against the same list of requirements. It turned out that "
            "the database option met every requirement for the next year, and it was much cheaper to run. "
            "We chose it, and we agreed on the point at which we would revisit the decision. Both "
            "developers felt heard, and the feature shipped a month later. What I learned is that long "
            "technical arguments are often about different assumptions rather than different values. "
            "Writing the options down made those assumptions visible, and scoring them together turned a "
            "personal disagreement into a shared decision. I have used the same approach several times "
            "since, and it usually settles a debate in a single meeting."
        ),
        "en+f2",
        150,
    ),
    Answer(
        "star-deadline-fillers",
        (
            "So, um, this was at my last company, and we had a big customer launch coming up. Uh, about "
            "two weeks before the date, we found out that the export feature, you know, did not work with "
            "their file format at all. I was, like, the only engineer who knew that part of the code, so um "
            "I took ownership of it. I split the work into small pieces and, uh, I asked my manager to move "
            "two other tasks off my plate. Um, every morning I posted a short update so everyone knew where "
            "we stood. We, uh, finished three days before the launch, and the customer signed a renewal "
            "the same quarter."
        ),
        "en-gb",
        145,
    ),
    Answer(
        "tech-hash-map",
        (
            "A hash map stores pairs of keys and values so that you can find a value quickly from its key. "
            "When you insert a pair, the map runs the key through a hash function, which turns it into a "
            "number, and that number picks a bucket in an array. To look the key up later, you hash it "
            "again and go straight to the same bucket, so the average lookup takes constant time. Two "
            "different keys can land in the same bucket, which is called a collision. One common way to "
            "handle collisions is to keep a short list in each bucket. Another way is open addressing, "
            "where you probe the next free slot. When the array gets too full, the map grows it and moves "
            "every pair to its new bucket, so that the lists stay short."
        ),
        "en-us+m7",
        165,
    ),
    Answer(
        "star-failure",
        (
            "Early in my career I pushed a change to production on a Friday afternoon without asking "
            "anyone to review it. It was a small change to the way we cached user sessions, and I was sure "
            "it was safe. An hour later, customers started getting logged out every few minutes. I rolled "
            "the change back, wrote to the support team, and stayed late to find the cause. The cache key "
            "did not include the region, so users in two regions overwrote each other. The next week I "
            "presented what happened to the whole engineering group, without blaming anyone. We added a "
            "rule that every change needs a review, and we stopped deploying late on Fridays. Since then "
            "I have always asked for a second pair of eyes, even on small changes."
        ),
        "en+f3",
        175,
    ),
    Answer(
        "why-this-company",
        (
            "I want to work here because your product solves a problem I have seen up close. At my current "
            "company, our support team spends hours every week copying data between tools by hand, and your "
            "platform would remove most of that work. I have also read your engineering blog, and I like "
            "that you write openly about your outages and what you learned from them. That tells me the "
            "culture values learning over blame. The role itself fits what I do best: designing services "
            "that many teams depend on, and making them easy to operate. And I am excited about the scale, "
            "because your traffic has grown quickly and that brings interesting problems."
        ),
        "en-gb-x-rp",
        155,
    ),
    Answer(
        "tech-index-fillers",
        (
            "Um, so a database index is, like, a separate structure that helps the database find rows "
            "without reading the whole table. Uh, the most common kind is a B tree, which keeps the keys "
            "sorted in a balanced tree, so a lookup only touches a few pages. You know, the trade off is "
            "that every insert and update also has to update the index, so writes get, um, a bit slower, "
            "and the index takes disk space. So I usually, uh, add an index when a query filters or sorts "
            "on a column and the table is large. And then I check the query plan to make sure the database "
            "actually uses it."
        ),
        "en-us",
        150,
    ),
    Answer(
        "star-leadership",
        (
            "When our team lead left suddenly, I was asked to lead the team of five engineers while the "
            "company hired a replacement. We were in the middle of rebuilding the mobile checkout, and "
            "morale was low because people were worried about the deadline. First I met with each person "
            "individually to understand what was blocking them. Two of them were waiting on decisions "
            "from the design team, so I set up a weekly meeting with design to clear those quickly. I also "
            "cut the scope of the first release to the features customers used most, and I explained the "
            "reasons to the product manager. We released on time, and the conversion rate on mobile went "
            "up by 12 percent. When the new lead arrived, I handed over a written summary of every open "
            "decision, and I went back to engineering with a much better sense of what managers do."
        ),
        "en-029",
        180,
    ),
    Answer(
        "about-me-career-change",
        (
            "I began my career as a secondary school maths teacher, and I taught for four years. I loved "
            "explaining ideas, but I kept writing little programs to grade homework and track progress, "
            "and I realised that was the part of the job I enjoyed most. So I took an evening course in "
            "programming and then a full time bootcamp. My first job in tech was on a data team at an "
            "online retailer, where I built reports and cleaned up their pipelines. Teaching still helps "
            "me every day: I am good at explaining technical work to people who are not engineers, and I "
            "am patient when something needs to be explained twice. Now I want to grow into a senior "
            "data engineering role."
        ),
        "en-gb-scotland",
        160,
    ),
    Answer(
        "tech-caching",
        (
            "Caching means keeping a copy of data somewhere faster, so that repeated requests do not have "
            "to go back to the slow source. For a web service, that might be an in memory store in front "
            "of the database. The hard part is keeping the cache correct when the data changes. One "
            "approach is to give every entry a time to live, so stale data expires on its own. Another is "
            "to delete the entry whenever the underlying record is written. You also need to think about "
            "what happens when a popular entry expires and thousands of requests hit the database at "
            "once. A common fix is to let only one request rebuild the entry while the others wait or "
            "serve the old value. Finally, I always measure the hit rate, because a cache that rarely hits "
            "only adds complexity."
        ),
        "en-us+f4",
        170,
    ),
    Answer(
        "star-customer-fillers",
        (
            "Uh, one example is a customer who, um, was really upset because their reports had been wrong "
            "for a week. So I, like, called them the same day, and I just listened first. Um, it turned out "
            "that a time zone change on our side had shifted all their daily totals. You know, I explained "
            "what had happened, uh, without hiding anything, and I gave them a date for the fix. Then I, "
            "um, wrote a script to correct their old reports, and I checked the results with them before "
            "we closed the ticket. Uh, they stayed with us, and they later, like, recommended us to another "
            "team."
        ),
        "en+m3",
        140,
    ),
    Answer(
        "strengths-weaknesses",
        (
            "My main strength is that I make complicated problems manageable. When a project feels too big, "
            "I break it into steps that each have a clear owner and a clear way to check that they are "
            "done. A weakness I have been working on is that I used to say yes to every request, and some "
            "of my own work slipped. Now I keep a visible list of what I am working on, and when someone "
            "asks for something new, I show them the list and ask what should move. My manager says it "
            "has made my estimates much more reliable, and I finish what I start."
        ),
        "en+f2",
        185,
    ),
    Answer(
        "tech-url",
        (
            "When you type an address into the browser and press enter, the browser first needs the IP "
            "address of the server. It checks its own cache, then asks the operating system, which may "
            "ask a DNS resolver on the network. Once it has the address, the browser opens a TCP "
            "connection to the server, and for a secure site it performs a TLS handshake to agree on "
            "encryption keys and check the certificate. Then it sends an HTTP request for the page. The "
            "server, often behind a load balancer, builds the response and sends back the HTML. The "
            "browser parses the HTML, requests the style sheets, scripts and images it refers to, builds "
            "the page layout and finally paints it on the screen. Many of those steps can be cached or "
            "done in parallel, which is why the second visit is usually faster. If I were debugging a slow "
            "page, I would open the network panel in the developer tools and look at where the time goes. "
            "A long wait before the first byte usually points at the server or the database. Many small "
            "requests point at missing bundling or caching. A large gap after the HTML arrives often "
            "means a script is blocking the page from rendering. Each of those has a different fix, so "
            "measuring first saves a lot of guessing. In my last role, this kind of analysis cut the load "
            "time of our dashboard from six seconds to under two."
        ),
        "en-gb",
        175,
    ),
    Answer(
        "product-design-fillers",
        (
            "Um, if I were designing a feature to help people, uh, rehearse for interviews, I would start "
            "with, you know, who the users are and what they struggle with. Probably people who get "
            "nervous and, like, ramble when they answer. Uh, so the first version could just record an "
            "answer and show the transcript with the filler words marked. Um, then I would measure whether "
            "people come back for a second session, because that tells us if it actually helps. And, uh, "
            "later I would add feedback on structure, like whether the answer had a clear result at the "
            "end."
        ),
        "en-us+m7",
        155,
    ),
    Answer(
        "star-teamwork",
        (
            "On my last project, our team worked with a partner company in another time zone to build a "
            "shared booking system. At first, questions sat unanswered for a day because the two teams "
            "were awake at different hours, and small misunderstandings turned into weeks of rework. I "
            "proposed that we write every interface down before building it, in a shared document that "
            "both teams reviewed. I also suggested a short overlap call twice a week, at a time that was "
            "early for us and late for them. Within a month the rework had almost disappeared, and we "
            "finished the first release two weeks ahead of the plan. The partner company later adopted "
            "the same way of working with their other clients."
        ),
        "en-gb-x-rp",
        165,
    ),
]


# A second set with different texts, voices and speeds, for choosing thresholds: the set above is
# the one the figures are reported on, so nothing is tuned on it (`--tuning`).
TUNING_ANSWERS = [
    Answer(
        "tune-about-me-data",
        (
            "I am a data engineer, and for the last four years I have built the pipelines that feed "
            "reports to our sales and finance teams. Before that I studied physics, which gave me a habit "
            "of checking every number twice. In my current job I rebuilt our nightly loads so that they "
            "finish before anyone starts work, and I added checks that stop a bad file before it reaches "
            "a dashboard. I enjoy the moment when a messy source becomes a clean table that people trust. "
            "Next I would like to work closer to the product, where the data shapes what we build, and I "
            "think your team is a good place to do that."
        ),
        "en-gb-x-gbclan",
        165,
    ),
    Answer(
        "tune-star-outage",
        (
            "One Sunday morning our main website went down during a large sale. I was the engineer on call, "
            "so my job was to bring it back and keep everyone informed. I opened an incident channel, asked "
            "a colleague to handle the updates to customers, and started reading the logs. Within twenty "
            "minutes I saw that a configuration change had sent all traffic to one overloaded server. I "
            "reverted the change, watched the error rate fall, and kept the channel open for another hour "
            "to be safe. Afterwards I wrote a short review and we added an automatic check for that kind "
            "of change. The site has not had the same failure since."
        ),
        "en-us-nyc",
        175,
    ),
    Answer(
        "tune-tech-queue",
        (
            "A message queue lets one part of a system hand work to another part without waiting for it. "
            "The sender puts a message on the queue and carries on, and a worker picks it up when it is "
            "ready. This smooths out bursts of traffic, because the queue simply grows for a while and the "
            "workers catch up later. It also means a slow or broken worker does not block the sender. The "
            "price is that the work now happens later, so the system has to cope with delays and with "
            "messages that are delivered twice. A good design makes each message safe to process more than "
            "once, and keeps an eye on how long the queue is getting."
        ),
        "en+m1",
        160,
    ),
    Answer(
        "tune-star-mentor-fillers",
        (
            "Um, so last year a new graduate joined my team and, uh, she was struggling with our code "
            "reviews. You know, she got a lot of comments and, like, stopped asking questions. So I, um, "
            "offered to pair with her for an hour twice a week. Uh, we went through her changes together "
            "before she sent them, and I explained why we do things a certain way. Um, after two months "
            "her reviews were, like, as short as anyone else's, and she started reviewing other people's "
            "code herself."
        ),
        "en-gb-x-gbcwmd",
        150,
    ),
    Answer(
        "tune-why-leave",
        (
            "I have enjoyed my current role, and I have learned a great deal there, but the company has "
            "changed direction. We used to build our own products, and now most of our work is keeping "
            "old systems running for a single client. I want to design new things again and to work with "
            "people who care about how software is made. When I read about your team, the way you plan "
            "your work in small steps and share what you learn stood out to me. I think I can add a lot "
            "here, and I know I would keep growing."
        ),
        "en+f4",
        185,
    ),
    Answer(
        "tune-tech-testing",
        (
            "When I test a new service, I start with small unit tests for the logic that is easy to get "
            "wrong, like dates, money and permissions. Then I write a few integration tests that run the "
            "service against a real database, because many bugs only appear when the pieces meet. I keep "
            "end to end tests for the handful of journeys that matter most to users, since they are slow "
            "and can be fragile. I also make sure the tests run on every change and finish in a few "
            "minutes, otherwise people stop running them. Finally, when a bug reaches production, I first "
            "write a test that shows it, and only then fix it, so it cannot quietly come back."
        ),
        "en-us+m2",
        170,
    ),
    Answer(
        "tune-star-priorities",
        (
            "In my last role, three different managers asked my team for urgent work in the same week. "
            "We could not do all of it, and each of them believed their request came first. I collected "
            "the requests in one list, wrote down what each would cost and what it would bring, and asked "
            "the three managers to meet for half an hour. With everything on one page, they agreed on an "
            "order in about ten minutes. We delivered the first item that Friday and the other two over "
            "the next month, and after that the managers asked us to keep the shared list for every new "
            "request."
        ),
        "en-029+f3",
        150,
    ),
    Answer(
        "tune-weakness-fillers",
        (
            "Uh, I would say my weakness is that I, um, find it hard to hand work over. Like, when I know "
            "how to do something, I am tempted to just do it myself. You know, that worked when I was on "
            "my own, but, uh, as a senior engineer it slows the team down. So now I, um, pick one task each "
            "sprint that I would normally keep and give it to someone else, and I make time to help them "
            "with it. Uh, it has been uncomfortable at times, but the team is stronger for it."
        ),
        "en-gb+m4",
        155,
    ),
]
# The same texts read again faster by voices tiny.en finds hard at 8 kHz, where it skips whole
# windows that one second decoding does not bring back (what coach.transcribe.coverage.PIECE_S
# was chosen on).
TUNING_ANSWERS += [
    dataclasses.replace(answer, name=f"{answer.name}-again", voice=voice, speed=speed)
    for answer, (voice, speed) in zip(
        list(TUNING_ANSWERS), [("en-029", 180), ("en-029+m3", 175), ("en-gb-scotland", 180)] * 3, strict=False
    )
]


def has_fillers(text: str) -> bool:
    """Whether the written answer holds a filler the benchmark counts ("um", "uh")."""
    return any(w in FILLER_WORDS for w in re.findall(r"[a-z]+", text.lower()))


def clip_name(answer: Answer, rate: int) -> str:
    """File name: answer, voice, speed and rate, so a failing clip says what it is."""
    return f"{answer.name}-{answer.voice}-s{answer.speed}-{rate // 1000}k.wav"


def _run(*args: str) -> None:
    """Run espeak-ng or sox; a failure says which program failed and why."""
    try:
        subprocess.run(args, check=True, capture_output=True)
    except subprocess.CalledProcessError as e:
        raise RuntimeError(f"{args[0]} failed: {e.stderr.decode(errors='replace')}") from e


def speak(answer: Answer, out: Path) -> Path:
    """espeak-ng's own wav (22.05 kHz) of the whole answer, read in one go like a fluent speaker."""
    _run("espeak-ng", "-v", answer.voice, "-s", str(answer.speed), "-w", str(out), answer.text)
    return out


def resample(source: Path, out: Path, rate: int) -> Path:
    """Mono 16-bit at `rate`, without dither (-D) so the same input always gives the same bytes."""
    _run("sox", "-D", str(source), "-r", str(rate), "-c", "1", "-b", "16", str(out))
    return out


def render(answer: Answer, folder: Path) -> list[dict]:
    """The answer's clips at every rate, with their manifest entries."""
    raw = speak(answer, folder / f".{answer.name}.espeak.wav")
    entries = []
    try:
        for rate in RATES:
            path = resample(raw, folder / clip_name(answer, rate), rate)
            entries.append(
                {
                    "file": path.name,
                    "answer": answer.name,
                    "text": answer.text,
                    "voice": answer.voice,
                    "speed": answer.speed,
                    "rate": rate,
                    "duration_s": round(sf.info(str(path)).duration, 3),
                    "has_fillers": has_fillers(answer.text),
                }
            )
    finally:
        raw.unlink(missing_ok=True)
    return entries


def check_durations(entries: list[dict]) -> None:
    """A changed espeak-ng can change lengths; the set promises 25-90 s answers, so say so."""
    wrong = [
        f"{e['file']} ({e['duration_s']:.1f} s)"
        for e in entries
        if not MIN_DURATION_S <= e["duration_s"] <= MAX_DURATION_S
    ]
    if wrong:
        raise ValueError(f"clips outside {MIN_DURATION_S:g}-{MAX_DURATION_S:g} s: {', '.join(wrong)}")


def build(folder: Path | str, *, tuning: bool = False) -> list[dict]:
    """Write every clip and manifest.json into `folder`; returns the manifest's clip entries.

    `tuning` builds the tuning set (TUNING_ANSWERS) instead of the reported one."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    answers = TUNING_ANSWERS if tuning else ANSWERS
    entries = [entry for answer in answers for entry in render(answer, folder)]
    check_durations(entries)
    (folder / MANIFEST).write_text(json.dumps({"clips": entries}, indent=1) + "\n", encoding="utf-8")
    return entries


def load(folder: Path | str) -> list[dict]:
    """The clip entries of a set built earlier (its manifest.json)."""
    return json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))["clips"]


def main(argv: list[str]) -> None:
    tuning = "--tuning" in argv
    argv = [a for a in argv if a != "--tuning"]
    folder = Path(argv[0]) if argv else Path(tempfile.mkdtemp(prefix="coach-fluent-"))
    entries = build(folder, tuning=tuning)
    seconds = sum(e["duration_s"] for e in entries if e["rate"] == RATES[0])
    print(
        f"{len(entries)} clips ({len(entries) // len(RATES)} answers x {len(RATES)} rates, "
        f"{seconds / 60:.1f} min per rate) in {folder}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
