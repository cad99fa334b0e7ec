import { expect, type Locator, type Page } from "@playwright/test";

/** The Datasets pages: the list with "New dataset", and one dataset's cases, import and grader. */
export class DatasetsPage {
  constructor(readonly page: Page) {}

  async create(name: string) {
    await this.page.goto("/datasets");
    await this.page.getByLabel("Dataset name").fill(name);
    await this.page.getByRole("button", { name: "New dataset" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name })).toBeVisible();
  }

  async importFile(file: string | { name: string; mimeType: string; buffer: Buffer }) {
    await this.page.getByLabel("Import cases (CSV or JSONL)").setInputFiles(file);
  }

  get cases(): Locator {
    return this.page.getByRole("table", { name: "Cases" }).getByRole("row", { name: /^Case \d+/ });
  }

  get importProblem(): Locator {
    return this.page.getByRole("alert").filter({ hasText: "could not be imported" });
  }

  get notice(): Locator {
    return this.page.getByRole("status").filter({ hasText: /Imported/ });
  }
}

/** The Experiments page (new experiment, advisor) and one experiment's results. */
export class ExperimentsPage {
  constructor(readonly page: Page) {}

  /** The page with the graph picked (as the editor's "Prove it with an experiment" link does) and the dataset chosen. */
  async open(graphId: string, datasetName: RegExp) {
    await this.page.goto(`/experiments?graphId=${graphId}`);
    const form = this.form;
    await form.getByLabel("Dataset").selectOption({ label: (await form.getByLabel("Dataset").locator("option").filter({ hasText: datasetName }).textContent())! });
  }

  get form(): Locator {
    return this.page.getByRole("region", { name: "New experiment" });
  }

  variant(name: string): Locator {
    return this.form.getByRole("checkbox", { name });
  }

  get status(): Locator {
    return this.page.getByRole("status", { name: "Experiment status" });
  }

  get progress(): Locator {
    return this.page.getByRole("progressbar", { name: "Cases graded" });
  }

  get results(): Locator {
    return this.page.getByRole("table", { name: /^Results per variant/ });
  }

  resultRow(variant: string): Locator {
    return this.results.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name: variant, exact: true }) });
  }

  get chart(): Locator {
    return this.page.getByRole("img", { name: /^Cost against success rate, per variant/ });
  }

  get proposal(): Locator {
    return this.page.getByRole("region", { name: "Tier advisor's proposal" });
  }
}
