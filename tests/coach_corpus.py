"""A labelled corpus of objectives and key results for measuring the coach (ARCHITECTURE.md, The coach).

Every entry is either good (the coach must stay silent: no error, no warning) or weak (the coach must
flag it with the expected rule code). The texts come from many teams and are phrased the way people
actually write in the room, not only the textbook way: uncommon verbs, "because", dashes, "We will".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    """One labelled text; `expected` is the rule code a weak text must get, None for a good text."""

    team: str
    text: str
    expected: str | None = None
    kind: str = "metric"
    stages: str = ""

    @property
    def good(self) -> bool:
        return self.expected is None


def good(team: str, text: str, kind: str = "metric", stages: str = "") -> Sample:
    return Sample(team, text, None, kind, stages)


def weak(team: str, text: str, expected: str, kind: str = "metric", stages: str = "") -> Sample:
    return Sample(team, text, expected, kind, stages)


OBJECTIVES: tuple[Sample, ...] = (
    # --- good -----------------------------------------------------------------------------------
    good("engineering", "Make our release process predictable so that customers can plan upgrades"),
    good("engineering", "Untangle the billing code so that finance stops fixing invoices by hand"),
    good("sales", "Win back the mid-market customers we lost last year so that growth no longer "
                  "depends on a handful of big accounts"),
    good("support", "Turn support into a source of product insight so that the roadmap reflects real "
                    "customer pain"),
    good("hr", "Make onboarding feel effortless so that new hires contribute in their first week"),
    good("operations", "Tame the alert storm so that on-call engineers can sleep through the night"),
    good("sales", "Earn the trust of enterprise buyers in order to close larger deals"),
    good("finance", "Give every team a single source of truth for revenue numbers so that planning "
                    "meetings start from facts"),
    good("marketing", "Demystify our pricing so that prospects can buy without talking to sales"),
    good("sales", "Rebuild trust with our reseller network because they bring in half of our new business"),
    good("design", "Declutter the product so that first-time users find the core workflow without help"),
    good("finance", "Shorten the path from contract to cash so that we can fund growth from our own revenue"),
    good("legal", "Keep legal reviews from blocking deals so that sales cycles stay short"),
    good("research", "Help our researchers publish faster to attract the best talent in the field"),
    good("operations", "Bring the warehouse and sales teams onto one forecast to stop running out of "
                       "our best sellers"),
    good("marketing", "Grow a community of customers who champion us in order to lower what it costs "
                      "to win a customer"),
    good("design", "Make our design system the obvious choice for every product team so that the "
                   "interface feels like one product"),
    good("hr", "Become the employer engineers recommend to their friends so that hiring stops being "
               "our bottleneck"),
    good("operations", "Stop firefighting in operations so the team has time to improve how we work"),
    good("engineering", "Modernise the data platform to let analysts answer questions without waiting "
                        "for engineering"),
    good("marketing", "Delight first-time buyers so they come back for a second order"),
    good("design", "Put customer feedback at the heart of every design decision so that we build "
                   "what people actually need"),
    good("security", "Protect our customers' data so that security reviews never slow down a deal"),
    good("engineering", "Nurture junior engineers into confident owners of their services so that "
                        "seniors can focus on architecture"),
    good("support", "Cut the noise in our inbox so support can answer what really matters"),
    good("marketing", "Sharpen our positioning in the healthcare market so that our sales team wins "
                      "more head-to-head evaluations"),
    good("engineering", "Open up our APIs to partners so that they can build the integrations our "
                        "customers ask for"),
    good("operations", "Lay the groundwork for international expansion so that we can enter two new "
                       "countries next year"),
    good("sales", "Win the hearts of small-business owners because they are our fastest-growing segment"),
    good("sales", "Double down on self-serve so that small customers never need a salesperson"),
    good("finance", "Streamline month-end close so the finance team gets its evenings back"),
    good("engineering", "Ship smaller changes more often so that every release is boring and easy to undo"),
    good("operations", "Migrate to the new data centre so that we can retire the ageing hardware "
                       "before its support ends"),
    good("marketing", "Launch our mobile app in order to reach customers who never open a laptop"),
    good("hr", "Equip managers to have honest career conversations so that good people stay"),
    good("research", "Reduce the time researchers spend on paperwork so they can spend it on experiments"),
    good("legal", "Clear the contract backlog so that no customer waits on legal to start using the product"),
    good("finance", "Make our invoices impossible to misread in order to cut late payments"),
    good("engineering", "Raise the bar for code review so that fewer bugs reach customers"),
    good("operations", "Safeguard our reputation by holding suppliers to our ethical standards, so "
                       "customers can buy from us with a clear conscience"),
    good("hr", "We will make hiring fair and fast so that great candidates choose us over bigger brands"),
    good("support", "Be the fastest support team in our industry so that speed becomes a reason "
                    "customers stay"),
    good("design", "Listen to our users at every stage so that design decisions rest on evidence, "
                   "not opinion"),
    good("sales", "Free sales engineers from repetitive demos so they can focus on complex deals"),
    good("engineering", "Foster a culture of blameless learning so that incidents make us stronger"),
    good("design", "Champion accessibility across every product so that people with disabilities can "
                   "use everything we build"),
    good("operations", "Rethink how we plan the quarter so that teams commit only to work they can finish"),
    good("engineering", "Stabilise the checkout so that shoppers trust us with their money"),
    good("finance", "Level up our data literacy so that every manager can read a dashboard "
                    "without an analyst"),
    good("legal", "Get our house in order on compliance so that the next audit is a formality"),
    good("sales", "Retire the legacy CRM so that the sales team has one place to work"),
    good("marketing", "Spark curiosity about our brand among developers so that they try the free tier"),
    good("support", "Humanise our customer emails so that people feel they are talking to a person"),
    good("support", "Wow new customers in their first thirty days so that they renew without a "
                    "discount call"),
    good("security", "Hardwire security into every sprint so that fixing vulnerabilities stops being "
                     "a separate project"),
    good("sales", "Onboard enterprise customers in days rather than months so that they see value "
                  "before their first invoice"),
    good("research", "Align the research agenda with what product teams need next so that our studies "
                     "change decisions"),
    good("legal", "Stop losing deals to slow security questionnaires because every week of delay "
                  "costs us momentum"),
    good("finance", "Strengthen how we forecast cash to avoid another emergency credit line"),
    good("operations", "Elevate the experience in our stores to make every visit worth the trip"),
    good("engineering", "Let product teams ship without waiting on the platform team, freeing both "
                        "to focus on customers"),
    good("engineering", "Restore the team's confidence in our test suite so that a green build means "
                        "safe to ship"),
    good("finance", "Make expense claims painless for everyone who travels"),
    good("support", "Make our help centre self-explanatory — customers should solve most problems "
                    "without opening a ticket"),
    good("hr", "To make Berlin a place where people want to build their careers, so that we can hire "
               "locally"),
    good("research", "Radically simplify how studies get approved so that researchers spend their "
                     "weeks on research"),
    good("security", "Get SOC 2 certified so that enterprise buyers stop asking for custom audits"),
    good("operations", "Make 24/7 support sustainable so that nobody burns out on night shifts"),
    good("marketing", "Re-earn our place in developers' toolkits so that word of mouth does our "
                      "marketing for us"),
    good("engineering", "Fast-track fixes for customer-facing bugs because every open bug erodes trust"),
    good("operations", "Fortify our supply chain against single-supplier shocks so that stores "
                       "never run empty"),
    good("design", "Winnow our product line down to what customers actually buy so that "
                   "operations get simpler"),
    good("support", "Shepherd our biggest customers through the platform migration so that none of them churn"),
    good("engineering", "Bulletproof the payment flow so that a failure never costs us a sale"),
    good("marketing", "Become the #1 choice for mid-size retailers so that we can grow without discounting"),
    good("finance", "Make 2027 the year we become profitable so that we control our own future"),
    good("hr", "Cut onboarding to a day so that new hires are productive in week 1"),
    good("legal", "Become GDPR-compliant in every market so that legal stops blocking launches"),
    # --- weak -----------------------------------------------------------------------------------
    weak("support", "Customer satisfaction", "OBJ-TOPIC"),
    weak("marketing", "Q3 marketing", "OBJ-TOPIC"),
    weak("hr", "Employee engagement and retention", "OBJ-TOPIC"),
    weak("operations", "Operational excellence", "OBJ-TOPIC"),
    weak("engineering", "Cloud migration", "OBJ-TOPIC"),
    weak("hr", "Hiring", "OBJ-TOPIC"),
    weak("research", "Research roadmap for 2027", "OBJ-TOPIC"),
    weak("support", "Support excellence", "OBJ-TOPIC"),
    weak("marketing", "The new pricing page", "OBJ-TOPIC"),
    weak("finance", "Digital transformation of finance", "OBJ-TOPIC"),
    weak("legal", "Legal review process", "OBJ-TOPIC"),
    weak("hr", "Better onboarding for new hires", "OBJ-TOPIC"),
    weak("sales", "Our customers love our product so they recommend us", "OBJ-VERB"),
    weak("support", "We are the best support team in the industry so that customers stay", "OBJ-VERB"),
    weak("finance", "Revenue growth in EMEA so the board is happy", "OBJ-VERB"),
    weak("design", "Q4 goals for the design team", "OBJ-TOPIC"),
    weak("marketing", "Website relaunch", "OBJ-TOPIC"),
    weak("engineering", "Faster deployments so engineers are less frustrated", "OBJ-VERB"),
    weak("marketing", "A stronger brand in order to attract more partners", "OBJ-VERB"),
    weak("marketing", "Launch the new website", "OBJ-TASK"),
    weak("sales", "Implement Salesforce", "OBJ-TASK"),
    weak("engineering", "Migrate all services to Kubernetes", "OBJ-TASK"),
    weak("legal", "Hire a head of legal", "OBJ-TASK"),
    weak("security", "Complete the SOC 2 audit", "OBJ-TASK"),
    weak("finance", "Build dashboards for the sales team", "OBJ-TASK"),
    weak("finance", "Write the Q4 board report", "OBJ-TASK"),
    weak("hr", "Organize a team offsite", "OBJ-TASK"),
    weak("hr", "Roll out the new HR system", "OBJ-TASK"),
    weak("engineering", "Set up a data warehouse", "OBJ-TASK"),
    weak("sales", "Increase revenue by 20% so that we can hire", "OBJ-NUMBER"),
    weak("finance", "Grow ARR from $2M to $5M in order to fund the Series B", "OBJ-NUMBER"),
    weak("design", "Reach 10,000 users so that the app pays for itself", "OBJ-NUMBER"),
    weak("sales", "Double our revenue from partners so that we depend less on direct sales", "OBJ-NUMBER"),
    weak("support", "Reduce churn to 3% so that revenue is predictable", "OBJ-NUMBER"),
    weak("support", "Achieve an NPS of 50 or higher", "OBJ-NUMBER"),
    weak("support", "Improve the customer experience", "OBJ-WHY"),
    weak("sales", "Delight our enterprise customers", "OBJ-WHY"),
    weak("research", "Be more innovative", "OBJ-WHY"),
    weak("hr", "Making our engineers happy", "OBJ-WHY"),
    weak("operations", "To be world-class", "OBJ-WHY"),
    weak("engineering", "Streamline", "OBJ-WHY"),
    weak("engineering", "Fix stuff", "OBJ-WHY"),
    weak("design", "Make the website better", "OBJ-WHY"),
    weak("sales", "Increase sales", "OBJ-WHY"),
    weak("marketing", "Turn our blog into a growth engine", "OBJ-WHY"),
    weak("engineering", "Work on the backlog", "OBJ-WHY"),
    weak("hr", "Improved collaboration between teams", "OBJ-TOPIC"),
    weak("operations", "Deploy the new monitoring stack", "OBJ-TASK"),
    weak("marketing", "Achieve 20% growth", "OBJ-NUMBER"),
    weak("support", "Improve the way in which our support, sales, marketing and engineering teams "
                    "work together on a day to day basis across all of our offices and time zones so "
                    "that customers get the same answer whenever and wherever they contact us", "OBJ-LENGTH"),
)


KEY_RESULTS: tuple[Sample, ...] = (
    # --- good -----------------------------------------------------------------------------------
    good("engineering", "Reduce failed deployments from 12% to 3%"),
    good("engineering", "Cut lead time for changes from 9 days to 2 days"),
    good("marketing", "Raise trial-to-paid conversion from 4% to 7%"),
    good("finance", "Grow monthly recurring revenue from €80k to €120k"),
    good("sales", "Lift NPS among enterprise accounts from 22 to 40"),
    good("support", "Bring median first-response time in support down from 9 hours to 2 hours"),
    good("finance", "Increase the share of invoices paid on time from 61% to 85%"),
    good("legal", "Shrink the open contract backlog from 140 to 30 requests"),
    good("hr", "Decrease voluntary attrition from 18% to 12% a year"),
    good("sales", "Win back 25 churned accounts"),
    good("engineering", "Hit 99.95% API availability every month"),
    good("engineering", "Keep p95 checkout latency under 300 ms"),
    good("support", "Answer 90% of tickets within 4 business hours, up from 55%"),
    good("sales", "Onboard 12 new enterprise customers, up from 5 last quarter"),
    good("hr", "Move the employee engagement score from 6.8 to 7.5"),
    good("finance", "Halve the time to close the books, from 10 working days to 5"),
    good("design", "Double weekly active teams from 300 to 600"),
    good("marketing", "Lower cost per qualified lead from $180 to $120"),
    good("engineering", "Increase the proportion of code covered by tests from 45% to 70%"),
    good("sales", "Reach 200 paying customers on the new plan"),
    good("sales", "Close 3 deals above €100k each in the healthcare segment"),
    good("finance", "Reduce the number of manual journal entries from 350 a month to 50"),
    good("operations", "Cut on-call pages outside working hours from 40 a week to fewer than 10"),
    good("hr", "Raise the offer acceptance rate from 60% to 80%"),
    good("design", "Improve the accessibility audit score from 71 to 95"),
    good("marketing", "Grow organic sign-ups from twelve hundred to three thousand a month"),
    good("support", "Resolve 95% of P1 incidents within 1 hour, from 70% today"),
    good("finance", "Bring days sales outstanding from 58 to 40"),
    good("marketing", "Convert 30% of webinar attendees into trials, up from 12%"),
    good("support", "Reduce the share of tickets caused by billing errors from 1 in 5 to 1 in 20"),
    good("hr", "Have 80% of managers rate the new review process useful, from 45% last cycle"),
    good("operations", "Achieve zero lost-time safety incidents across all three warehouses"),
    good("sales", "Secure 3 new reseller partners who each bring at least 10 qualified leads"),
    good("operations", "Increase average order value from £42 to £50"),
    good("marketing", "Grow newsletter subscribers from 8,000 to 15,000"),
    good("engineering", "Get customer-reported bugs per release down from 14 to 5"),
    good("marketing", "Run 6 customer webinars that bring in at least 150 qualified sign-ups"),
    good("legal", "Cut legal turnaround for standard NDAs from 5 days to 1 day"),
    good("research", "Publish research findings that change at least 4 roadmap decisions"),
    good("finance", "Keep monthly gross churn at or below 1.5%"),
    good("design", "Lift the share of customers using at least 3 core features from 20% to 35%"),
    good("finance", "Take the share of revenue from self-serve from 15% to 30%"),
    good("hr", "Reduce time-to-hire for engineers from 62 to 40 days"),
    good("sales", "Drive 40% of new pipeline through partners, up from 22%"),
    good("operations", "Ship 98% of orders on the same day, from 91%"),
    good("research", "Recruit 40 study participants a month from our own customer base, up from 12"),
    good("support", "Get the help-centre deflection rate from 18% to 30%"),
    good("security", "Patch critical vulnerabilities within 7 days instead of 30"),
    good("engineering", "Cut the monthly cloud bill from $48k to $36k"),
    good("hr", "Make sure 100% of new hires have a buddy on day one, from 60% now"),
    good("operations", "Run payroll with zero errors for the whole quarter"),
    good("marketing", "Train 30 partner sales reps so that 80% of them pass the product certification"),
    good("design", "Ship the new pricing page to every market: design approved, A/B test run, rolled out",
         kind="milestone"),
    good("sales", "Replace the legacy CRM", kind="milestone",
         stages="Vendor chosen\nData migrated\nOld system switched off"),
    good("legal", "Publish the new travel policy: draft, legal review, board sign-off", kind="milestone"),
    good("engineering", "Move billing to the new platform → pilot with 5 customers → all customers",
         kind="milestone"),
    good("hr", "Design, pilot and roll out the new career framework", kind="milestone"),
    good("security", "Get ISO 27001 certified", kind="milestone",
         stages="- Gap analysis done\n- Controls in place\n- Audit passed"),
    good("finance", "Choose a new expense tool; run a pilot in sales; switch everyone over",
         kind="milestone"),
    good("research", "Set up the customer research panel", kind="milestone",
         stages="Panel designed\n\nFirst 100 members recruited\nFirst study run"),
    good("hr", "Get eNPS from -10 to +15"),
    good("marketing", "Increase conversion rate (visit → order) from 2.1% to 3%"),
    good("engineering", "Reduce p95 latency of the search API from 800ms to 250ms"),
    # A clear metric and target without an opening verb is measurable: a KR-VERB tip, not a rewrite (issue 16).
    good("marketing", "NPS from 30 to 45"),
    good("support", "Churn reduced from 5% to 3%"),
    good("support", "95% of tickets answered within 4 hours"),
    good("operations", "Weekly active users from 1,200 to 2,000"),
    good("finance", "Cost per invoice from €9 to €4"),
    # --- weak -----------------------------------------------------------------------------------
    weak("support", "Improve customer satisfaction", "KR-VAGUE"),
    weak("sales", "Increase sales", "KR-VAGUE"),
    weak("hr", "Make onboarding faster", "KR-VAGUE"),
    weak("marketing", "Get more sign-ups from the website", "KR-VAGUE"),
    weak("support", "Reduce churn from 5%", "KR-VAGUE"),
    weak("engineering", "Do better at code reviews", "KR-VAGUE"),
    weak("support", "Significantly reduce response times", "KR-VAGUE"),
    weak("engineering", "Ensure the website is faster", "KR-VAGUE"),
    weak("hr", "Boost team morale", "KR-VAGUE"),
    weak("support", "Make customers happier", "KR-VAGUE"),
    weak("finance", "Increase revenue by Q3", "KR-VAGUE"),
    weak("finance", "Reduce costs in 2027", "KR-VAGUE"),
    weak("operations", "Lower delivery times, currently 5 days", "KR-VAGUE"),
    weak("marketing", "Organize webinars", "KR-ACTIVITY"),
    weak("sales", "Talk to customers every week", "KR-ACTIVITY"),
    weak("sales", "Hold 10 meetings with prospects", "KR-ACTIVITY"),
    weak("marketing", "Write 12 blog posts", "KR-ACTIVITY"),
    weak("engineering", "Run 4 hackathons", "KR-ACTIVITY"),
    weak("marketing", "Publish 8 case studies", "KR-ACTIVITY"),
    weak("research", "Send the customer survey to 500 users", "KR-ACTIVITY"),
    weak("hr", "Conduct training sessions for managers", "KR-ACTIVITY"),
    weak("sales", "Attend 3 industry conferences", "KR-ACTIVITY"),
    weak("marketing", "Create 20 social media posts a month", "KR-ACTIVITY"),
    weak("engineering", "Deliver 5 new features", "KR-ACTIVITY"),
    weak("sales", "Reach out to 200 prospects", "KR-ACTIVITY"),
    weak("hr", "Organise monthly lunch-and-learns", "KR-ACTIVITY"),
    weak("design", "Interview 15 users about the new dashboard", "KR-ACTIVITY"),
    weak("sales", "Make 50 sales calls a week", "KR-ACTIVITY"),
    weak("hr", "Train every manager in feedback", "KR-ACTIVITY"),
    weak("hr", "Reduce hiring time", "KR-VAGUE"),
    weak("design", "Launch the partner portal", "KR-NUMBER"),
    weak("support", "Customer happiness", "KR-NUMBER"),
    weak("finance", "Track expenses weekly", "KR-NUMBER"),
    weak("operations", "Launch by March 31", "KR-NUMBER"),
    weak("hr", "Hire engineers", "KR-NUMBER"),
    weak("legal", "Revenue", "KR-NUMBER"),
    weak("security", "Complete the SOC 2 audit", "KR-NUMBER"),
    weak("legal", "Update all customer contracts to the new terms", "KR-NUMBER"),
    # Counting the team's own output is an activity, however prestigious the output (issue 16).
    weak("research", "Publish 2 peer-reviewed papers in top-tier venues", "KR-ACTIVITY"),
    weak("design", "Launch the new onboarding flow", "KR-STAGES", kind="milestone"),
    weak("sales", "Replace the CRM", "KR-STAGES", kind="milestone", stages="Vendor chosen"),
    weak("operations", "Go live with the new ERP by Q3", "KR-STAGES", kind="milestone"),
    weak("engineering", "Launch the portal for partners, resellers and agencies", "KR-STAGES",
         kind="milestone"),
)
