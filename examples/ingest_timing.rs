//! Times the phases of reading one open-data file (grid, dataset) in
//! process: `cargo run --release --example ingest_timing -- FILE`.
use std::time::Instant;

fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).expect("a file"));
    let t = Instant::now();
    let bytes = std::fs::read(&path).expect("read");
    let read = t.elapsed();
    let t = Instant::now();
    let grid = wijkmonitor::ingest::grid::read_open_data_grid(&path, &bytes).expect("grid");
    let grid_time = t.elapsed();
    let info = wijkmonitor::ingest::source::FileInfo::from_bytes(&path, &bytes);
    let t = Instant::now();
    let dataset = wijkmonitor::ingest::source::read_grid_dataset(grid, info, &Default::default());
    let dataset_time = t.elapsed();
    println!(
        "read {read:?}, grid {grid_time:?}, dataset {dataset_time:?}, {} observations",
        dataset.table.len()
    );
}
